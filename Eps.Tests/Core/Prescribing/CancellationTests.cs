using Eps.Core.Dispensing;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

public sealed class CancellationTests
{
    [Fact]
    public async Task The_prescriber_cancels_a_pending_prescription_with_a_reason_and_it_can_no_longer_be_used()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        core.Time.Advance(TimeSpan.FromHours(2));

        var result = await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), rx.RxNumber, " Allergy reported ", None);

        Assert.True(result.Succeeded, result.Message);
        var mine = Assert.Single(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None));
        Assert.Equal(PrescriptionState.Cancelled, mine.State);
        Assert.Equal("Cancelled", mine.PatientStateLabel);
        Assert.Equal("Allergy reported", mine.CancellationReason);
        Assert.Equal(CoreHarness.StartTime.UtcDateTime.AddHours(2), mine.CancelledAt);

        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var caller = new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId);
        var verified = await core.Get<VerificationService>().VerifyAsync(
            new VerifyRequest(rx.Token, null, null, null, Scenario.Lagos, null), caller, None);
        Assert.Equal(VerificationSteps.Cancellation, verified.StepFailed);
        var dispensed = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null), caller, None);
        Assert.Equal(DispenseStatus.Cancelled, dispensed.Status);
    }

    [Fact]
    public async Task The_patient_is_emailed_the_reason_and_that_no_pharmacy_will_dispense_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);

        Assert.True((await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), rx.RxNumber, "Allergy <reported>", None)).Succeeded);
        Assert.False((await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), rx.RxNumber, "Again", None)).Succeeded);

        await using var db = await core.DbAsync();
        var email = Assert.Single(await db.Outbox.AsNoTracking().Where(m => m.Kind == EmailTemplates.PatientCancelledKind).ToListAsync());
        Assert.Equal(Patient, email.To);
        Assert.Contains(rx.RxNumber, email.Subject, StringComparison.Ordinal);
        Assert.Contains("Reason: Allergy <reported>", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Allergy &lt;reported&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("No pharmacy will dispense it", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("WAT", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_without_a_reason_asks_for_one_and_changes_nothing()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);

        var result = await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), rx.RxNumber, "  ", None);

        Assert.False(result.Succeeded);
        Assert.Contains("reason", result.Errors.Keys);
        Assert.Equal(PrescriptionState.PendingCollection, await StateAsync(core, rx.RxNumber));
    }

    [Fact]
    public async Task A_dispensed_prescription_cannot_be_cancelled()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var dispensed = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None);
        Assert.True(dispensed.Succeeded, dispensed.Message);

        var result = await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), rx.RxNumber, "Too late", None);

        Assert.False(result.Succeeded);
        var mine = Assert.Single(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None));
        Assert.Equal(PrescriptionState.Dispensed, mine.State);
        Assert.Equal("Collected", mine.PatientStateLabel);
        Assert.Null(mine.CancellationReason);
    }

    [Fact]
    public async Task A_cancelled_prescription_cannot_be_cancelled_again()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var doctor = await core.ActorAsync(Doctor);
        Assert.True((await core.Get<Prescriptions>().CancelAsync(doctor, rx.RxNumber, "First reason", None)).Succeeded);

        Assert.False((await core.Get<Prescriptions>().CancelAsync(doctor, rx.RxNumber, "Second reason", None)).Succeeded);

        var mine = Assert.Single(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None));
        Assert.Equal("First reason", mine.CancellationReason);
    }

    [Theory]
    [InlineData(Patient)]
    [InlineData(LagosPharmacist)]
    [InlineData(Admin)]
    public async Task Only_the_prescriber_can_cancel(string email)
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);

        var result = await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(email), rx.RxNumber, "Not wanted", None);

        Assert.False(result.Succeeded);
        Assert.Equal(PrescriptionState.PendingCollection, await StateAsync(core, rx.RxNumber));
    }

    private static async Task<PrescriptionState> StateAsync(CoreHarness core, string rxNumber)
    {
        var view = await core.Get<Prescriptions>().FindForAsync(await core.ActorAsync(Admin), rxNumber, None);
        return Assert.IsType<PrescriptionView>(view).State;
    }
}
