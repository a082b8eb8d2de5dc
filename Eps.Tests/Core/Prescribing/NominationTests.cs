using System.Collections.Concurrent;
using System.Text.Json;
using Eps.Core.Audit;
using Eps.Core.Dispensing;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

/// <summary>Where a patient collects: changing the default pharmacy, and moving a pending prescription elsewhere.</summary>
public sealed class NominationTests
{
    [Fact]
    public async Task A_pending_prescription_moves_to_another_pharmacy_audited_with_both_pharmacies_and_both_queues_told()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var (lagos, abuja) = (await PharmacyIdAsync(core, Scenario.Lagos), await PharmacyIdAsync(core, Scenario.Abuja));
        var events = new ConcurrentQueue<QueueChanged>();
        var queue = core.Get<IQueueEvents>();
        using var lagosQueue = queue.Subscribe(lagos, c => Enqueue(events, c));
        using var abujaQueue = queue.Subscribe(abuja, c => Enqueue(events, c));

        var result = await core.Get<Nominations>().MoveAsync(await core.ActorAsync(Patient), rx.RxNumber, abuja, None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("Wuse Central Pharmacy", result.Message, StringComparison.Ordinal);
        Assert.Equal(abuja, await PharmacyOfAsync(core, rx.RxNumber));
        // The issue's own events (the row added, the request approved) may still be arriving: wait for the move's.
        await WaitForAsync(() => events.Any(e => e.PharmacyId == lagos && e.PrescriptionId == rx.RxNumber && e.Kind == QueueChangeKind.Cancelled)
            && events.Any(e => e.PharmacyId == abuja && e.PrescriptionId == rx.RxNumber && e.Kind == QueueChangeKind.Added));

        var entry = Assert.Single(await EntriesAsync(core, Nominations.PrescriptionMovedKind));
        Assert.Equal(rx.RxNumber, entry.Subject);
        Assert.Equal((await core.ActorAsync(Patient)).UserId, entry.ActorUserId);
        using var details = JsonDocument.Parse(entry.Details);
        Assert.Equal(Scenario.Lagos, details.RootElement.GetProperty("from").GetString());
        Assert.Equal(Scenario.Abuja, details.RootElement.GetProperty("to").GetString());
        Assert.True((await core.Get<AuditVerifier>().VerifyAsync(None)).Intact);
    }

    [Fact]
    public async Task A_moved_prescription_verifies_and_dispenses_at_the_new_pharmacy_and_the_old_one_is_refused()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var moved = await core.Get<Nominations>().MoveAsync(await core.ActorAsync(Patient), rx.RxNumber, await PharmacyIdAsync(core, Scenario.Abuja), None);
        Assert.True(moved.Succeeded, moved.Message);
        var (oldDesk, newDesk) = (await core.ActorAsync(LagosPharmacist), await core.ActorAsync(AbujaPharmacist));
        var (oldCaller, newCaller) = (new RequestOrigin("127.0.0.1", oldDesk.UserId, oldDesk.PharmacyId), new RequestOrigin("127.0.0.1", newDesk.UserId, newDesk.PharmacyId));
        var verification = core.Get<VerificationService>();
        var dispensing = core.Get<DispenseService>();

        // The printed token is unchanged, and names Lagos; the stored pharmacy decides.
        var atNew = await verification.VerifyAsync(new VerifyRequest(rx.Token, null, null, null, Scenario.Abuja, null), newCaller, None);
        Assert.True(atNew.Valid, atNew.Reason);
        Assert.Equal(Scenario.Abuja, atNew.Prescription!.NominatedPharmacyCode);
        Assert.DoesNotContain(atNew.Warnings, w => w.Contains("another pharmacy", StringComparison.Ordinal));

        var atOld = await verification.VerifyAsync(new VerifyRequest(rx.Token, null, null, null, Scenario.Lagos, null), oldCaller, None);
        Assert.Contains(atOld.Warnings, w => w.Contains("presented at another pharmacy", StringComparison.Ordinal));
        var byIdAtOld = await verification.VerifyByIdAsync(rx.RxNumber, "1234567890", oldCaller, None);
        Assert.Equal(VerificationSteps.Lookup, byIdAtOld.StepFailed);
        var refused = await dispensing.DispenseAsync(new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, oldDesk.FullName, null), oldCaller, None);
        Assert.Equal(DispenseStatus.WrongPharmacy, refused.Status);

        var dispensed = await dispensing.DispenseAsync(new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Abuja, newDesk.FullName, null), newCaller, None);
        Assert.True(dispensed.Succeeded, dispensed.Message);
        Assert.Equal("Wuse Central Pharmacy", dispensed.Receipt!.DispensedBy);
    }

    [Fact]
    public async Task Only_the_prescriptions_own_patient_can_move_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var abuja = await PharmacyIdAsync(core, Scenario.Abuja);

        foreach (var email in new[] { Patient2, LagosPharmacist, Doctor, Admin })
        {
            var result = await core.Get<Nominations>().MoveAsync(await core.ActorAsync(email), rx.RxNumber, abuja, None);
            Assert.False(result.Succeeded, email);
        }

        Assert.Equal(await PharmacyIdAsync(core, Scenario.Lagos), await PharmacyOfAsync(core, rx.RxNumber));
        Assert.Empty(await EntriesAsync(core, Nominations.PrescriptionMovedKind));
    }

    [Theory]
    [InlineData("dispensed", "collected already")]
    [InlineData("cancelled", "cancelled by the prescriber")]
    [InlineData("expired", "expired")]
    public async Task Only_a_prescription_still_waiting_for_collection_can_move(string state, string message)
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        if (state == "dispensed")
        {
            var desk = await core.ActorAsync(LagosPharmacist);
            var outcome = await core.Get<DispenseService>().DispenseAsync(new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, desk.FullName, null),
                new RequestOrigin("127.0.0.1", desk.UserId, desk.PharmacyId), None);
            Assert.True(outcome.Succeeded, outcome.Message);
        }
        else if (state == "cancelled")
        {
            Assert.True((await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), rx.RxNumber, "Allergy", None)).Succeeded);
        }
        else
        {
            core.Time.Advance(TimeSpan.FromDays(31));
        }

        var result = await core.Get<Nominations>().MoveAsync(await core.ActorAsync(Patient), rx.RxNumber, await PharmacyIdAsync(core, Scenario.Abuja), None);

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.Equal(await PharmacyIdAsync(core, Scenario.Lagos), await PharmacyOfAsync(core, rx.RxNumber));
        Assert.Empty(await EntriesAsync(core, Nominations.PrescriptionMovedKind));
    }

    [Fact]
    public async Task Moving_to_the_same_or_to_no_pharmacy_changes_nothing()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var patient = await core.ActorAsync(Patient);

        var same = await core.Get<Nominations>().MoveAsync(patient, rx.RxNumber, await PharmacyIdAsync(core, Scenario.Lagos), None);
        var none = await core.Get<Nominations>().MoveAsync(patient, rx.RxNumber, 99_999, None);

        Assert.False(same.Succeeded);
        Assert.Contains("already at", same.Message, StringComparison.Ordinal);
        Assert.False(none.Succeeded);
        Assert.Contains("pharmacy", none.Errors.Keys);
        Assert.Empty(await EntriesAsync(core, Nominations.PrescriptionMovedKind));
    }

    [Fact]
    public async Task A_patient_changes_their_pharmacy_for_new_requests_audited_once_per_change()
    {
        await using var core = await CoreHarness.StartAsync();
        var patient = await core.ActorAsync(Patient);
        var abuja = await PharmacyIdAsync(core, Scenario.Abuja);

        var changed = await core.Get<Nominations>().ChangeDefaultAsync(patient, abuja, None);
        var again = await core.Get<Nominations>().ChangeDefaultAsync(patient, abuja, None);

        Assert.True(changed.Succeeded, changed.Message);
        Assert.True(again.Succeeded, again.Message);
        Assert.Contains("already", again.Message, StringComparison.Ordinal);
        Assert.Equal(abuja, await core.Get<PatientRequests>().DefaultPharmacyAsync(patient, None));
        var entry = Assert.Single(await EntriesAsync(core, Nominations.NominationChangedKind));
        using var details = JsonDocument.Parse(entry.Details);
        Assert.Equal(Scenario.Lagos, details.RootElement.GetProperty("from").GetString());
        Assert.Equal(Scenario.Abuja, details.RootElement.GetProperty("to").GetString());
        Assert.Equal(patient.UserId, entry.ActorUserId);
    }

    [Fact]
    public async Task Only_patients_nominate_and_only_a_pharmacy_that_exists()
    {
        await using var core = await CoreHarness.StartAsync();
        var abuja = await PharmacyIdAsync(core, Scenario.Abuja);

        Assert.False((await core.Get<Nominations>().ChangeDefaultAsync(await core.ActorAsync(LagosPharmacist), abuja, None)).Succeeded);
        Assert.False((await core.Get<Nominations>().ChangeDefaultAsync(await core.ActorAsync(Patient), 99_999, None)).Succeeded);
        Assert.Empty(await EntriesAsync(core, Nominations.NominationChangedKind));
    }

    [Fact]
    public async Task A_request_to_another_pharmacy_makes_it_the_default_and_audits_the_change()
    {
        await using var core = await CoreHarness.StartAsync();
        var patient = await core.ActorAsync(Patient);
        var abuja = await PharmacyIdAsync(core, Scenario.Abuja);
        var drug = await DrugAsync(core, "Amoxicillin");

        var (result, _) = await core.Get<PatientRequests>().SubmitAsync(patient,
            new NewRequest(abuja, "Travelling to Abuja", [new RequestedItem(drug.Id, "500 mg", 21, null)]), None);
        await SubmitAmoxicillinAsync(core); // back to Lagos

        Assert.True(result.Succeeded, result.Message);
        var entries = await EntriesAsync(core, Nominations.NominationChangedKind);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Contains("\"via\":\"request\"", e.Details, StringComparison.Ordinal));
        Assert.Equal(await PharmacyIdAsync(core, Scenario.Lagos), await core.Get<PatientRequests>().DefaultPharmacyAsync(patient, None));
    }

    private static Task Enqueue(ConcurrentQueue<QueueChanged> events, QueueChanged change)
    {
        events.Enqueue(change);
        return Task.CompletedTask;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<int> PharmacyOfAsync(CoreHarness core, string rxNumber)
    {
        await using var db = await core.DbAsync();
        return await db.Prescriptions.Where(p => p.RxNumber == rxNumber).Select(p => p.PharmacyId).SingleAsync();
    }

    private static async Task<List<AuditEntry>> EntriesAsync(CoreHarness core, string kind)
    {
        await using var db = await core.DbAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Kind == kind).OrderBy(e => e.Sequence).ToListAsync();
    }
}
