using Eps.Core.Accounts;
using Eps.Core.Dispensing;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Dispensing;

public sealed class ExpiryTests
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(30);

    [Fact]
    public async Task Thirty_days_and_a_minute_after_issue_the_prescription_has_expired_everywhere()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        core.Time.Advance(Validity + TimeSpan.FromMinutes(1));

        var verified = await VerifyAsync(core, rx, pharmacist);
        Assert.False(verified.Valid);
        Assert.Equal(VerificationSteps.Expiry, verified.StepFailed);
        Assert.Equal(rx.RxNumber, verified.Prescription?.PrescriptionId);

        var mine = Assert.Single(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None));
        Assert.Equal(PrescriptionState.Expired, mine.State);
        Assert.Equal("Expired", mine.PatientStateLabel);

        var dispensed = await DispenseAsync(core, rx, pharmacist);
        Assert.Equal(DispenseStatus.Expired, dispensed.Status);
        Assert.Null(dispensed.Receipt);

        // Expiry is derived from time: the stored row is untouched and nothing was handed over.
        await using var db = await core.DbAsync();
        Assert.Equal(PrescriptionState.PendingCollection, (await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).Status);
        Assert.Equal(0, await db.DispenseRecords.CountAsync());
    }

    [Fact]
    public async Task A_minute_before_expiry_the_prescription_still_verifies_and_can_be_dispensed()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        core.Time.Advance(Validity - TimeSpan.FromMinutes(1));

        var verified = await VerifyAsync(core, rx, pharmacist);
        Assert.True(verified.Valid, verified.Reason);
        Assert.Null(verified.StepFailed);
        var mine = Assert.Single(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None));
        Assert.Equal(PrescriptionState.PendingCollection, mine.State);

        var dispensed = await DispenseAsync(core, rx, pharmacist);
        Assert.Equal(DispenseStatus.Dispensed, dispensed.Status);
        Assert.Equal(CoreHarness.StartTime.UtcDateTime + Validity - TimeSpan.FromMinutes(1), dispensed.Receipt?.DispensedAt);
    }

    [Fact]
    public async Task At_exactly_thirty_days_the_prescription_counts_as_expired()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        core.Time.Advance(Validity);

        Assert.Equal(VerificationSteps.Expiry, (await VerifyAsync(core, rx, pharmacist)).StepFailed);
        Assert.Equal(DispenseStatus.Expired, (await DispenseAsync(core, rx, pharmacist)).Status);
    }

    [Fact]
    public async Task A_collected_prescription_stays_collected_after_its_expiry_date()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        Assert.True((await DispenseAsync(core, rx, pharmacist)).Succeeded);

        core.Time.Advance(Validity + TimeSpan.FromDays(1));

        var mine = Assert.Single(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None));
        Assert.Equal(PrescriptionState.Dispensed, mine.State);
        Assert.Equal("Collected", mine.PatientStateLabel);
    }

    private static Task<VerificationOutcome> VerifyAsync(CoreHarness core, Prescription rx, Actor pharmacist) =>
        core.Get<VerificationService>().VerifyAsync(new VerifyRequest(rx.Token, null, null, null, Scenario.Lagos, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None);

    private static Task<DispenseOutcome> DispenseAsync(CoreHarness core, Prescription rx, Actor pharmacist) =>
        core.Get<DispenseService>().DispenseAsync(new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None);
}
