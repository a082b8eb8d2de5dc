using System.Text.Json;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Core.Tokens;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Dispensing.RepeatKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Dispensing;

/// <summary>Repeats: each collection issues the next one as a prescription of its own, at most once.</summary>
public sealed class RepeatTests
{
    [Fact]
    public async Task Collecting_an_original_with_two_repeats_issues_repeat_1_with_its_own_ID_nonce_and_token()
    {
        await using var core = await CoreHarness.StartAsync();
        var original = await ApproveWithRepeatsAsync(core, 2);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var added = new TaskCompletionSource<QueueChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = core.Get<IQueueEvents>().Subscribe(original.PharmacyId, change =>
        {
            // The original's own arrival may still be on its way to subscribers under load; only a new row counts.
            if (change.Kind == QueueChangeKind.Added && change.PrescriptionId != original.RxNumber)
            {
                added.TrySetResult(change);
            }

            return Task.CompletedTask;
        });
        Assert.Equal((0, 2), (original.RepeatNumber, original.RepeatsAuthorised));
        Assert.Single(await ChainAsync(core, original));

        core.Time.Advance(TimeSpan.FromDays(3));
        var collectedAt = core.Time.GetUtcNow().UtcDateTime;
        var outcome = await DispenseAsync(core, original, pharmacist);

        Assert.True(outcome.Succeeded, outcome.Message);
        var repeat = Assert.Single(await ChainAsync(core, original), p => p.RepeatNumber == 1);
        Assert.Equal(repeat.RxNumber, outcome.Receipt?.RepeatIssued);
        Assert.Equal("Repeat 1 of 2", outcome.Receipt?.RepeatLabel);
        Assert.NotEqual(original.RxNumber, repeat.RxNumber);
        Assert.True(PrescriptionIds.IsValid(repeat.RxNumber, "PHB-RX-"));
        Assert.NotEqual(original.Nonce, repeat.Nonce);
        Assert.NotEqual(original.Token, repeat.Token);
        Assert.Equal((original.Id, 2, PrescriptionState.PendingCollection), (repeat.PreviousPrescriptionId!.Value, repeat.RepeatsAuthorised, repeat.Status));
        Assert.Equal((original.PatientId, original.PharmacyId, original.PrescriberId), (repeat.PatientId, repeat.PharmacyId, repeat.PrescriberId));
        Assert.Equal((original.Dosage, original.Quantity, original.Schedule), (repeat.Dosage, repeat.Quantity, repeat.Schedule));
        Assert.Equal(collectedAt, repeat.IssuedAt);
        Assert.Equal(collectedAt.AddDays(30), repeat.ExpiresAt);

        // The new token carries the new ID and nonce and verifies with the published keys alone.
        var claims = core.Get<PrescriptionTokenCodec>().Read(repeat.Token);
        Assert.Equal(TokenStatus.Valid, claims.Status);
        Assert.Equal((repeat.RxNumber, repeat.Nonce), (claims.Claims!.PrescriptionId, claims.Claims.Nonce));
        Assert.Equal(repeat.ExpiresAt, claims.Claims.Expiry.UtcDateTime);
        Assert.True(Eps.Tests.Core.Tokens.OfflineVerificationTests.VerifyOffline(JsonSerializer.Serialize(core.Get<KeyRing>().GetPublicJwks()), repeat.Token));

        // It verifies at the counter, worded as a repeat.
        var verified = await VerifyAsync(core, repeat, Counter(pharmacist));
        Assert.True(verified.Valid, verified.Reason);
        Assert.Equal("Repeat 1 of 2", verified.Prescription?.Repeat);

        // The patient sees it waiting, the original collected; the pharmacy's queue has it and was told at once.
        var mine = await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None);
        var shown = Assert.Single(mine, p => p.State == PrescriptionState.PendingCollection);
        Assert.Equal((repeat.RxNumber, "Repeat 1 of 2", original.RxNumber), (shown.RxNumber, shown.RepeatLabel, shown.PreviousRxNumber));
        Assert.Equal(repeat.RxNumber, Assert.Single(mine, p => p.State == PrescriptionState.Dispensed).NextRxNumber);
        var queue = await core.Get<QueueQuery>().PageAsync(original.PharmacyId, new QueueFilter(), 0, 25, None);
        Assert.Equal(repeat.RxNumber, Assert.Single(queue.Rows).PrescriptionId);
        var published = await added.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(repeat.RxNumber, published.PrescriptionId);

        // Audited beside the dispense, and the chain holds.
        await using var db = await core.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Kind == "repeat-issued");
        Assert.Equal(repeat.RxNumber, entry.Subject);
        Assert.Contains(original.RxNumber, entry.Details, StringComparison.Ordinal);
        Assert.True((await core.Get<AuditVerifier>().VerifyAsync(None)).Intact);
    }

    [Fact]
    public async Task Collecting_repeat_1_issues_repeat_2_and_collecting_repeat_2_issues_nothing()
    {
        await using var core = await CoreHarness.StartAsync();
        var original = await ApproveWithRepeatsAsync(core, 2);
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        var first = await DispenseAsync(core, original, pharmacist);
        var repeat1 = await StoredAsync(core, first.Receipt!.RepeatIssued!);
        core.Time.Advance(TimeSpan.FromDays(28));
        var second = await DispenseAsync(core, repeat1, pharmacist);
        var repeat2 = await StoredAsync(core, second.Receipt!.RepeatIssued!);
        core.Time.Advance(TimeSpan.FromDays(28));
        var third = await DispenseAsync(core, repeat2, pharmacist);

        Assert.True(third.Succeeded, third.Message);
        Assert.Equal((2, 2, repeat1.Id), (repeat2.RepeatNumber, repeat2.RepeatsAuthorised, repeat2.PreviousPrescriptionId!.Value));
        Assert.Equal("Repeat 2 of 2", second.Receipt.RepeatLabel);
        Assert.Null(third.Receipt?.RepeatIssued);
        var chain = await ChainAsync(core, original);
        Assert.Equal([0, 1, 2], chain.Select(p => p.RepeatNumber));
        Assert.All(chain, p => Assert.Equal(PrescriptionState.Dispensed, p.Status));
        Assert.Equal(3, chain.Select(p => p.Nonce).Distinct().Count());
        var mine = await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None);
        Assert.Equal(["Repeat 2 of 2", "Repeat 1 of 2", "Original, 2 repeats authorised"], mine.Select(p => p.RepeatLabel));
        Assert.Equal("This is the last repeat: no further repeat is issued after it.", mine[0].RepeatNext);
        await using var db = await core.DbAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Kind == "repeat-issued"));
        Assert.Equal(3, await db.DispenseRecords.CountAsync());
    }

    [Fact]
    public async Task Concurrent_dispenses_of_one_item_hand_it_over_once_and_issue_exactly_one_repeat()
    {
        await using var core = await CoreHarness.StartAsync();
        var original = await ApproveWithRepeatsAsync(core, 2);
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await DispenseAsync(core, original, pharmacist);
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(calls);

        var winner = Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(DispenseStatus.AlreadyDispensed, o.Status));
        var repeat = Assert.Single(await ChainAsync(core, original), p => p.RepeatNumber > 0);
        Assert.Equal(winner.Receipt!.RepeatIssued, repeat.RxNumber);
        await using var db = await core.DbAsync();
        Assert.Equal(2, await db.Prescriptions.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Kind == "repeat-issued"));
    }

    [Fact]
    public async Task The_database_refuses_a_second_repeat_of_the_same_prescription()
    {
        await using var core = await CoreHarness.StartAsync();
        var original = await ApproveWithRepeatsAsync(core, 2);
        Assert.True((await DispenseAsync(core, original, await core.ActorAsync(LagosPharmacist))).Succeeded);

        // A second issue of the same repeat, as a retried or racing dispense outside the conditional update would try.
        await using var db = await core.DbAsync();
        var again = await db.InTransactionAsync(async ct =>
        {
            await core.Get<PrescriptionIssuer>().IssueRepeatAsync(db, original.Id, core.Time.GetUtcNow().UtcDateTime, ct);
            var failure = await Record.ExceptionAsync(() => db.SaveChangesAsync(ct));
            await db.Database.RollbackTransactionAsync(ct);
            return failure;
        }, None);

        Assert.IsType<DbUpdateException>(again);
        Assert.Equal(2, (await ChainAsync(core, original)).Count);
    }

    [Fact]
    public async Task A_cancelled_or_expired_prescription_issues_no_repeat()
    {
        await using var core = await CoreHarness.StartAsync();
        var cancelled = await ApproveWithRepeatsAsync(core, 2);
        var expired = await ApproveWithRepeatsAsync(core, 2);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var cancel = await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), cancelled.RxNumber, "Allergy reported", None);
        Assert.True(cancel.Succeeded, cancel.Message);

        Assert.Equal(DispenseStatus.Cancelled, (await DispenseAsync(core, cancelled, pharmacist)).Status);
        core.Time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(DispenseStatus.Expired, (await DispenseAsync(core, expired, pharmacist)).Status);

        await using var db = await core.DbAsync();
        Assert.Equal(2, await db.Prescriptions.CountAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Kind == "repeat-issued"));
    }

    [Fact]
    public async Task The_collected_token_is_refused_naming_its_repeat_to_the_counter_and_not_to_anonymous_callers()
    {
        await using var core = await CoreHarness.StartAsync();
        var original = await ApproveWithRepeatsAsync(core, 2);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var repeat = (await DispenseAsync(core, original, pharmacist)).Receipt!.RepeatIssued;

        var atCounter = await VerifyAsync(core, original, Counter(pharmacist));
        var anonymous = await VerifyAsync(core, original, new RequestOrigin("203.0.113.9"));
        var again = await DispenseAsync(core, original, pharmacist);

        Assert.False(atCounter.Valid);
        Assert.Equal(VerificationSteps.Dispensing, atCounter.StepFailed);
        Assert.Equal($"Prescription already dispensed — repeat 1 of 2 was issued as {repeat}", atCounter.Reason);
        Assert.Equal(("Repeat 1 of 2", repeat), (atCounter.Dispensed?.NextRepeat, atCounter.Dispensed?.NextPrescriptionId));
        Assert.Equal("Prescription already dispensed — repeat 1 of 2 was issued as a new token", anonymous.Reason);
        Assert.Null(anonymous.Dispensed?.NextPrescriptionId);
        Assert.Equal(DispenseStatus.AlreadyDispensed, again.Status);
        Assert.Equal($"Prescription already dispensed — repeat 1 of 2 was issued as {repeat}", again.Message);
        Assert.Equal(2, (await ChainAsync(core, original)).Count);
    }

    [Fact]
    public async Task An_item_without_repeats_issues_nothing_and_reads_as_before()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        var outcome = await DispenseAsync(core, rx, pharmacist);
        var again = await VerifyAsync(core, rx, Counter(pharmacist));

        Assert.Null(outcome.Receipt?.RepeatIssued);
        Assert.Equal("Prescription already dispensed", again.Reason);
        Assert.Null(again.Prescription?.Repeat);
        Assert.Single(await ChainAsync(core, rx));
    }
}
