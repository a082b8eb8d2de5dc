using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Audit;

public sealed class AuditChainTests
{
    /// <summary>An approval, a few verifications (good and forged), a dispense and a cancellation.</summary>
    private static async Task<CoreHarness> BusyDayAsync()
    {
        var core = await CoreHarness.StartAsync();
        var first = await IssueAsync(core);
        var second = await IssueAsync(core);
        var verifier = core.Get<VerificationService>();
        var caller = new RequestOrigin("10.0.0.7");
        await verifier.VerifyAsync(new VerifyRequest(first.Token, null, null, null, Scenario.Lagos, null), caller, None);
        await verifier.VerifyAsync(new VerifyRequest("EPS1:FORGED", null, null, null, Scenario.Lagos, null), caller, None);
        var dispensed = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(first.RxNumber, first.Nonce, Scenario.Lagos, "Funmilayo Adeyemi", null),
            new RequestOrigin("10.0.0.7", "pharmacist", first.PharmacyId), None);
        Assert.True(dispensed.Succeeded, dispensed.Message);
        var cancelled = await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), second.RxNumber, "Wrong strength", None);
        Assert.True(cancelled.Succeeded, cancelled.Message);
        return core;
    }

    private static async Task ExecAsync(CoreHarness core, string sql)
    {
        await using var db = await core.DbAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Entries_written_at_instants_finer_than_the_database_keeps_still_check_out()
    {
        await using var core = await CoreHarness.StartAsync();
        // A real clock has 100 ns ticks; PostgreSQL keeps microseconds.
        foreach (var ticks in new[] { 1_234_567, 9_999_999 })
        {
            core.Time.Advance(TimeSpan.FromTicks(ticks));
            await using var db = await core.DbAsync();
            await db.InTransactionAsync(async ct =>
            {
                await core.Get<AuditTrail>().AppendAsync(db, "test", null, "tick", new { ticks }, ct);
                await db.SaveChangesAsync(ct);
            }, None);
        }

        var report = await core.Get<AuditVerifier>().VerifyAsync(None);

        Assert.True(report.Intact, report.Message);
    }

    [Fact]
    public async Task Every_kind_of_event_is_chained_and_the_chain_checks_out()
    {
        await using var core = await BusyDayAsync();

        var report = await core.Get<AuditVerifier>().VerifyAsync(None);

        Assert.True(report.Intact, report.Message);
        await using var db = await core.DbAsync();
        var kinds = await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync();
        Assert.Contains("approval", kinds);
        Assert.Contains("verification", kinds);
        Assert.Contains("dispense", kinds);
        Assert.Contains("cancellation", kinds);
        Assert.Equal(kinds.Count, report.EntriesChecked);
    }

    [Fact]
    public async Task Editing_any_entry_is_detected_at_that_entry()
    {
        await using var core = await BusyDayAsync();
        await ExecAsync(core, """UPDATE "AuditEntries" SET "Details" = "Details" || ' ' WHERE "Sequence" = 4""");

        var report = await core.Get<AuditVerifier>().VerifyAsync(None);

        Assert.False(report.Intact);
        Assert.Equal(4, report.BrokenAt);
        Assert.Contains("altered", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_entry_in_the_middle_or_at_the_end_is_detected()
    {
        await using var core = await BusyDayAsync();
        await ExecAsync(core, """DELETE FROM "AuditEntries" WHERE "Sequence" = 3""");
        var middle = await core.Get<AuditVerifier>().VerifyAsync(None);

        Assert.False(middle.Intact);
        Assert.Equal(3, middle.BrokenAt);

        await using var tail = await BusyDayAsync();
        await ExecAsync(tail, """DELETE FROM "AuditEntries" WHERE "Sequence" = (SELECT MAX("Sequence") FROM "AuditEntries")""");
        var end = await tail.Get<AuditVerifier>().VerifyAsync(None);

        Assert.False(end.Intact);
        Assert.Contains("deleted", end.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_history_with_recomputed_hashes_still_fails_the_signed_checkpoint()
    {
        await using var core = await BusyDayAsync();
        await core.Get<AuditCheckpoints>().CreateAsync(DateOnly.FromDateTime(core.Time.GetUtcNow().UtcDateTime), None);

        // Someone with write access to the tables rewrites entry 3 (a verification) and re-links everything after it, head included.
        await using (var db = await core.DbAsync())
        {
            var entries = await db.AuditEntries.OrderBy(e => e.Sequence).AsNoTracking().ToListAsync();
            var previous = entries[0].Hash;
            foreach (var e in entries.Skip(1))
            {
                var details = e.Sequence == 3 ? e.Details.Replace("10.0.0.7", "10.9.9.9", StringComparison.Ordinal) : e.Details;
                var hash = AuditChain.HashOf(previous, e.Sequence, e.At, e.Kind, e.ActorUserId, e.Subject, details);
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""UPDATE "AuditEntries" SET "Details" = {details}, "PreviousHash" = {previous}, "Hash" = {hash} WHERE "Sequence" = {e.Sequence}""");
                previous = hash;
            }

            await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "AuditHead" SET "Hash" = {previous} WHERE "Id" = 1""");
        }

        var report = await core.Get<AuditVerifier>().VerifyAsync(None);

        Assert.False(report.Intact);
        Assert.Contains("checkpoint", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_linear_chain()
    {
        await using var core = await CoreHarness.StartAsync();
        var verifier = core.Get<VerificationService>();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            verifier.VerifyAsync(new VerifyRequest($"EPS1:GARBAGE{i}", null, null, null, null, null), new RequestOrigin("10.1.1." + i), None))));

        var report = await core.Get<AuditVerifier>().VerifyAsync(None);
        Assert.True(report.Intact, report.Message);
        Assert.True(report.EntriesChecked >= 40);
    }

    [Fact]
    public async Task A_checkpoint_signed_over_an_empty_chain_stays_valid_as_the_chain_grows()
    {
        await using var core = await CoreHarness.StartAsync();
        await core.Get<AuditCheckpoints>().CreateAsync(new DateOnly(2026, 11, 26), None);
        await IssueAsync(core);

        var report = await core.Get<AuditVerifier>().VerifyAsync(None);

        Assert.True(report.Intact, report.Message);
        Assert.Equal(1, report.CheckpointsChecked);
    }
}
