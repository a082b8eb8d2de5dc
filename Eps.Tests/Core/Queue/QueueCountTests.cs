using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Core.Queue.Counts;
using Eps.Tests.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Queue;

/// <summary>
/// The counts behind the history-wide queue tabs are kept by the database's triggers: after any change they equal a
/// count of the rows, and the tabs' stats read from them equal what the rows say.
/// </summary>
public sealed class QueueCountTests
{
    [Fact]
    public async Task The_counts_follow_every_issue_dispense_cancellation_and_move()
    {
        await using var core = await CoreHarness.StartAsync();
        var ids = await IssueMixAsync(core);
        await AssertCountsMatchRowsAsync(core);

        await DispenseAsync(core, ids[2]);
        await AssertCountsMatchRowsAsync(core);

        Assert.True((await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), ids[1], "Allergy", None)).Succeeded);
        await AssertCountsMatchRowsAsync(core);

        var moved = await core.Get<Nominations>().MoveAsync(await core.ActorAsync(Patient), ids[0], await PharmacyIdAsync(core, Scenario.Abuja), None);
        Assert.True(moved.Succeeded, moved.Message);
        await AssertCountsMatchRowsAsync(core);

        var lagos = await PharmacyIdAsync(core, Scenario.Lagos);
        Assert.Equal(new QueueStats(1, 0, 0, 1), (await PageAsync(core, new QueueFilter(QueueTab.Dispensed))).Stats);
        Assert.Equal(QueueStats.Empty, (await PageAsync(core, new QueueFilter())).Stats);
        Assert.Equal(new QueueStats(1, 1, 0, 0), (await PageAsync(core, new QueueFilter(), Scenario.Abuja)).Stats);
        await using var db = await core.DbAsync();
        Assert.Equal(1, await db.Set<PharmacyQueueCount>().Where(c => c.PharmacyId == lagos && c.Status == PrescriptionState.Cancelled).SumAsync(c => c.Count));
    }

    [Fact]
    public async Task Dispensed_and_expired_stats_from_the_counts_agree_with_the_rows_with_and_without_a_search()
    {
        await using var core = await CoreHarness.StartAsync();
        var ids = await IssueMixAsync(core);
        await DispenseAsync(core, ids[2]);
        core.Time.Advance(TimeSpan.FromDays(20));
        await IssueAsync(core); // routine, still pending when the first ones have expired
        core.Time.Advance(TimeSpan.FromDays(11));

        // Controlled and high-risk expired (issued 31 days ago); the routine one was dispensed; the new one still waits.
        Assert.Equal(new QueueStats(2, 1, 1, 0), (await PageAsync(core, new QueueFilter(QueueTab.Expired))).Stats);
        Assert.Equal(new QueueStats(1, 0, 0, 1), (await PageAsync(core, new QueueFilter(QueueTab.Dispensed))).Stats);
        Assert.Equal(new QueueStats(1, 0, 0, 1), (await PageAsync(core, new QueueFilter())).Stats);

        foreach (var search in new[] { "okafor", "ADAEZE", "123 456 7890" })
        {
            Assert.Equal(new QueueStats(2, 1, 1, 0), (await PageAsync(core, new QueueFilter(QueueTab.Expired, Search: search))).Stats);
            Assert.Equal(new QueueStats(1, 0, 0, 1), (await PageAsync(core, new QueueFilter(QueueTab.Dispensed, Search: search))).Stats);
            Assert.Equal(2, (await PageAsync(core, new QueueFilter(QueueTab.Expired, Search: search))).Rows.Count);
        }

        Assert.Equal(new QueueStats(1, 0, 1, 0),
            (await PageAsync(core, new QueueFilter(QueueTab.Expired, Priority: Priority.HighRisk, Search: "okafor"))).Stats);
        Assert.Equal(QueueStats.Empty, (await PageAsync(core, new QueueFilter(QueueTab.Dispensed, Search: "Bakare"))).Stats);
        Assert.Equal(QueueStats.Empty, (await PageAsync(core, new QueueFilter(QueueTab.Expired, Search: "Bakare"))).Stats);
        Assert.Equal(QueueStats.Empty, (await PageAsync(core, new QueueFilter(QueueTab.Expired), Scenario.Abuja)).Stats);
    }

    [Fact]
    public async Task A_prescription_id_finds_its_one_row_in_any_tab_typed_whole_or_as_its_digits()
    {
        await using var core = await CoreHarness.StartAsync();
        var ids = await IssueMixAsync(core);
        await DispenseAsync(core, ids[2]);

        var dispensed = await PageAsync(core, new QueueFilter(QueueTab.Dispensed, Search: ids[2].ToLowerInvariant()));
        Assert.Equal(ids[2], Assert.Single(dispensed.Rows).PrescriptionId);
        Assert.Equal(new QueueStats(1, 0, 0, 1), dispensed.Stats);
        Assert.Equal(ids[0], Assert.Single((await PageAsync(core, new QueueFilter(Search: ids[0][^8..]))).Rows).PrescriptionId);
        Assert.Empty((await PageAsync(core, new QueueFilter(Search: ids[2]))).Rows);
    }

    [Fact]
    public async Task Concurrent_approvals_and_dispenses_leave_the_counts_exact()
    {
        await using var core = await CoreHarness.StartAsync();
        var issued = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            issued.AddRange(await IssueMixAsync(core));
        }

        var routine = await RoutineAsync(core, issued);
        await Task.WhenAll([
            .. Enumerable.Range(0, 4).Select(_ => Task.Run(() => IssueUncontrolledAsync(core))),
            .. routine.Select(rx => Task.Run(() => DispenseAsync(core, rx))),
        ]);

        await AssertCountsMatchRowsAsync(core);
        Assert.Equal(new QueueStats(3, 0, 0, 3), (await PageAsync(core, new QueueFilter(QueueTab.Dispensed))).Stats);
        Assert.Equal(new QueueStats(14, 3, 7, 4), (await PageAsync(core, new QueueFilter())).Stats);
    }

    [Fact]
    public async Task The_migration_counts_the_prescriptions_already_there_and_its_reversal_leaves_them_untouched()
    {
        await using var core = await CoreHarness.StartAsync();
        var ids = await IssueMixAsync(core);
        await DispenseAsync(core, ids[2]);
        await using var db = await core.DbAsync();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var added = migrations.FindIndex(m => m.EndsWith("_QueueCounts", StringComparison.Ordinal));

        await migrator.MigrateAsync(migrations[added - 1]);
        Assert.Equal(3, await db.Prescriptions.CountAsync());
        await migrator.MigrateAsync(migrations[^1]);

        await AssertCountsMatchRowsAsync(core);
        Assert.Equal(new QueueStats(1, 0, 0, 1), (await PageAsync(core, new QueueFilter(QueueTab.Dispensed))).Stats);
        await IssueAsync(core);
        await AssertCountsMatchRowsAsync(core);
    }

    private static async Task<IReadOnlyList<string>> IssueMixAsync(CoreHarness core)
    {
        var requestId = await SubmitAsync(core, ("Tramadol", "50 mg", 10), ("Warfarin", "1 mg", 28), ("Amoxicillin", "500 mg", 21));
        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId,
            await ApproveAllAsync(core, requestId), null, await SigningKit.CodeAsync(core.Services), None);
        Assert.True(result.Succeeded, result.Message);
        return result.PrescriptionIds;
    }

    /// <summary>A high-risk and a routine prescription: no signing code, so several doctors' approvals can run at once.</summary>
    private static async Task IssueUncontrolledAsync(CoreHarness core)
    {
        var requestId = await SubmitAsync(core, ("Warfarin", "1 mg", 28), ("Amoxicillin", "500 mg", 21));
        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId, await ApproveAllAsync(core, requestId), null, null, None);
        Assert.True(result.Succeeded, result.Message);
    }

    private static async Task<List<string>> RoutineAsync(CoreHarness core, IEnumerable<string> ids)
    {
        await using var db = await core.DbAsync();
        return await db.Prescriptions.Where(p => ids.Contains(p.RxNumber) && p.MedicationName == "Amoxicillin").Select(p => p.RxNumber).ToListAsync();
    }

    private static async Task<QueuePage> PageAsync(CoreHarness core, QueueFilter filter, string pharmacy = Scenario.Lagos) =>
        await core.Get<QueueQuery>().PageAsync(await PharmacyIdAsync(core, pharmacy), filter, 0, 25, None);

    private static async Task DispenseAsync(CoreHarness core, string rxNumber)
    {
        await using var db = await core.DbAsync();
        var rx = await db.Prescriptions.SingleAsync(p => p.RxNumber == rxNumber);
        Assert.Equal(DrugSchedule.None, rx.Schedule);
        var outcome = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, "Funmilayo Adeyemi", null),
            new RequestOrigin("127.0.0.1", "u", rx.PharmacyId), None);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    /// <summary>Both count tables equal a GROUP BY of the prescriptions (a zero count and a missing row are the same).</summary>
    private static async Task AssertCountsMatchRowsAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        var rows = await db.Prescriptions.GroupBy(p => new { p.PharmacyId, p.PatientId, p.Status, p.Schedule, p.RiskLevel })
            .Select(g => new { g.Key.PharmacyId, g.Key.PatientId, g.Key.Status, g.Key.Schedule, g.Key.RiskLevel, Count = g.Count() }).ToListAsync();
        var patients = await db.Set<PatientQueueCount>().Where(c => c.Count != 0).ToListAsync();
        var pharmacies = await db.Set<PharmacyQueueCount>().Where(c => c.Count != 0).ToListAsync();

        Assert.Equal(
            rows.Select(r => $"{r.PharmacyId}/{r.PatientId}/{r.Status}/{r.Schedule}/{r.RiskLevel}={r.Count}").Order(),
            patients.Select(c => $"{c.PharmacyId}/{c.PatientId}/{c.Status}/{c.Schedule}/{c.RiskLevel}={c.Count}").Order());
        Assert.Equal(
            rows.GroupBy(r => (r.PharmacyId, r.Status, r.Schedule, r.RiskLevel)).Select(g => $"{g.Key}={g.Sum(r => r.Count)}").Order(),
            pharmacies.Select(c => $"{(c.PharmacyId, c.Status, c.Schedule, c.RiskLevel)}={c.Count}").Order());
    }
}
