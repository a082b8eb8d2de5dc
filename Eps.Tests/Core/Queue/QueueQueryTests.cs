using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Tests.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Queue;

public sealed class QueueQueryTests
{
    /// <summary>One controlled, one high-risk and one routine prescription at the Lagos pharmacy.</summary>
    private static async Task<IReadOnlyList<string>> IssueMixAsync(CoreHarness core)
    {
        var requestId = await SubmitAsync(core, ("Tramadol", "50 mg", 10), ("Warfarin", "1 mg", 28), ("Amoxicillin", "500 mg", 21));
        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId,
            await ApproveAllAsync(core, requestId), null, await SigningKit.CodeAsync(core.Services), None);
        Assert.True(result.Succeeded, result.Message);
        return result.PrescriptionIds;
    }

    private static async Task<QueuePage> PageAsync(CoreHarness core, QueueFilter filter, string pharmacy = Scenario.Lagos) =>
        await core.Get<QueueQuery>().PageAsync(await PharmacyIdAsync(core, pharmacy), filter, 0, 25, None);

    [Fact]
    public async Task Pending_rows_carry_their_priority_from_the_catalogue_and_the_stats_add_up()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueMixAsync(core);

        var page = await PageAsync(core, new QueueFilter());

        Assert.Equal(new QueueStats(3, 1, 1, 1), page.Stats);
        Assert.Equal(3, page.TotalRows);
        Assert.Equal(Priority.Controlled, page.Rows.Single(r => r.MedicationName == "Tramadol").Priority);
        Assert.Equal(Priority.HighRisk, page.Rows.Single(r => r.MedicationName == "Warfarin").Priority);
        Assert.Equal(Priority.Routine, page.Rows.Single(r => r.MedicationName == "Amoxicillin").Priority);
        Assert.All(page.Rows, r => Assert.Equal("Adaeze Okafor", r.PatientName));
        Assert.Empty((await PageAsync(core, new QueueFilter(), Scenario.Abuja)).Rows);
    }

    [Theory]
    [InlineData(Priority.Controlled, "Tramadol")]
    [InlineData(Priority.HighRisk, "Warfarin")]
    [InlineData(Priority.Routine, "Amoxicillin")]
    public async Task The_priority_filter_narrows_the_rows_and_the_stats_count_what_it_shows(Priority priority, string drug)
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueMixAsync(core);

        var page = await PageAsync(core, new QueueFilter(Priority: priority));

        Assert.Equal(drug, Assert.Single(page.Rows).MedicationName);
        Assert.Equal(1, page.TotalRows);
        Assert.Equal(new QueueStats(
            1, priority == Priority.Controlled ? 1 : 0, priority == Priority.HighRisk ? 1 : 0, priority == Priority.Routine ? 1 : 0), page.Stats);
    }

    [Fact]
    public async Task The_stats_follow_the_search_and_the_date_range_too()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueMixAsync(core);
        core.Time.Advance(TimeSpan.FromDays(8));
        await IssueAsync(core); // one more routine prescription, this week

        Assert.Equal(new QueueStats(4, 1, 1, 2), (await PageAsync(core, new QueueFilter())).Stats);
        Assert.Equal(new QueueStats(1, 0, 0, 1), (await PageAsync(core, new QueueFilter(Range: IssuedWithin.Week))).Stats);
        Assert.Equal(QueueStats.Empty, (await PageAsync(core, new QueueFilter(Search: "Bakare"))).Stats);
        Assert.Equal(new QueueStats(2, 0, 0, 2), (await PageAsync(core, new QueueFilter(Priority: Priority.Routine, Search: "okafor"))).Stats);
        Assert.Equal(QueueStats.Empty, (await PageAsync(core, new QueueFilter(Priority: Priority.Controlled, Range: IssuedWithin.Today))).Stats);
    }

    [Fact]
    public async Task Pending_rows_come_oldest_first_unless_newest_first_is_asked_for()
    {
        await using var core = await CoreHarness.StartAsync();
        var first = await IssueMixAsync(core);
        core.Time.Advance(TimeSpan.FromHours(1));
        var latest = (await IssueAsync(core)).RxNumber;

        var oldest = await PageAsync(core, new QueueFilter());
        var newest = await PageAsync(core, new QueueFilter(Sort: QueueSort.NewestFirst));
        var explicitOldest = await PageAsync(core, new QueueFilter(Sort: QueueSort.OldestFirst));

        string[] arrival = [.. first, latest];
        Assert.Equal(arrival, oldest.Rows.Select(r => r.PrescriptionId));
        Assert.Equal(arrival.AsEnumerable().Reverse(), newest.Rows.Select(r => r.PrescriptionId));
        Assert.Equal(oldest.Rows, explicitOldest.Rows);
        Assert.Equal(oldest.Stats, newest.Stats);
        // Paging follows the order: the second page of one row each is the second row of the order.
        Assert.Equal(newest.Rows[1].PrescriptionId,
            Assert.Single((await core.Get<QueueQuery>().PageAsync(await PharmacyIdAsync(core, Scenario.Lagos),
                new QueueFilter(Sort: QueueSort.NewestFirst), 1, 1, None)).Rows).PrescriptionId);
    }

    [Fact]
    public async Task Dispensed_rows_come_latest_dispensed_first_or_oldest_first_when_asked()
    {
        await using var core = await CoreHarness.StartAsync();
        var ids = await IssueMixAsync(core);
        foreach (var rx in new[] { ids[2], ids[1] })
        {
            core.Time.Advance(TimeSpan.FromMinutes(5));
            await DispenseAsync(core, rx);
        }

        var latestFirst = await PageAsync(core, new QueueFilter(QueueTab.Dispensed));
        var oldestFirst = await PageAsync(core, new QueueFilter(QueueTab.Dispensed, Sort: QueueSort.OldestFirst));

        Assert.Equal(new[] { ids[1], ids[2] }, latestFirst.Rows.Select(r => r.PrescriptionId));
        Assert.Equal(new[] { ids[2], ids[1] }, oldestFirst.Rows.Select(r => r.PrescriptionId));
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_but_still_counts_the_matching_rows()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueMixAsync(core);

        var page = await core.Get<QueueQuery>().PageAsync(await PharmacyIdAsync(core, Scenario.Lagos), new QueueFilter(), 25, 25, None);

        Assert.Empty(page.Rows);
        Assert.Equal(3, page.TotalRows);
        Assert.Equal(3, page.Stats.Total);
    }

    private static async Task DispenseAsync(CoreHarness core, string rxNumber)
    {
        await using var db = await core.DbAsync();
        var rx = await db.Prescriptions.SingleAsync(p => p.RxNumber == rxNumber);
        Assert.True(rx.Schedule == DrugSchedule.None, "a controlled drug needs an ID document");
        var outcome = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, "Funmilayo Adeyemi", null),
            new RequestOrigin("127.0.0.1", "u", rx.PharmacyId), None);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    [Fact]
    public async Task Dispensed_and_expired_prescriptions_leave_pending_for_their_own_tabs()
    {
        await using var core = await CoreHarness.StartAsync();
        var ids = await IssueMixAsync(core);
        await using (var db = await core.DbAsync())
        {
            var amoxicillin = await db.Prescriptions.SingleAsync(p => p.MedicationName == "Amoxicillin" && ids.Contains(p.RxNumber));
            var outcome = await core.Get<DispenseService>().DispenseAsync(
                new DispenseCommand(amoxicillin.RxNumber, amoxicillin.Nonce, Scenario.Lagos, "Funmilayo Adeyemi", null),
                new RequestOrigin("127.0.0.1", "u", amoxicillin.PharmacyId), None);
            Assert.True(outcome.Succeeded, outcome.Message);
        }

        Assert.Equal(2, (await PageAsync(core, new QueueFilter())).TotalRows);
        Assert.Equal("Amoxicillin", Assert.Single((await PageAsync(core, new QueueFilter(QueueTab.Dispensed))).Rows).MedicationName);
        Assert.Empty((await PageAsync(core, new QueueFilter(QueueTab.Expired))).Rows);

        core.Time.Advance(TimeSpan.FromDays(31));

        Assert.Empty((await PageAsync(core, new QueueFilter())).Rows);
        Assert.Equal(2, (await PageAsync(core, new QueueFilter(QueueTab.Expired))).TotalRows);
        Assert.Single((await PageAsync(core, new QueueFilter(QueueTab.Dispensed))).Rows);
    }

    [Fact]
    public async Task Search_finds_by_patient_name_in_any_case_or_by_hpn_with_or_without_spaces()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueMixAsync(core);

        Assert.Equal(3, (await PageAsync(core, new QueueFilter(Search: "okafor"))).TotalRows);
        Assert.Equal(3, (await PageAsync(core, new QueueFilter(Search: "123 456 7890"))).TotalRows);
        Assert.Equal(3, (await PageAsync(core, new QueueFilter(Search: "1234567890"))).TotalRows);
        Assert.Empty((await PageAsync(core, new QueueFilter(Search: "Bakare"))).Rows);
        Assert.Empty((await PageAsync(core, new QueueFilter(Search: "%"))).Rows);
    }

    [Fact]
    public async Task The_date_range_keeps_only_recent_issues()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueMixAsync(core);
        core.Time.Advance(TimeSpan.FromDays(8));
        await IssueAsync(core);

        Assert.Equal(4, (await PageAsync(core, new QueueFilter(Range: IssuedWithin.All))).TotalRows);
        Assert.Equal(4, (await PageAsync(core, new QueueFilter(Range: IssuedWithin.Month))).TotalRows);
        Assert.Equal(1, (await PageAsync(core, new QueueFilter(Range: IssuedWithin.Week))).TotalRows);
        Assert.Equal(1, (await PageAsync(core, new QueueFilter(Range: IssuedWithin.Today))).TotalRows);
    }

    [Fact]
    public async Task The_number_of_queries_does_not_grow_with_the_rows()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueMixAsync(core);
        core.Commands.Reset();
        await PageAsync(core, new QueueFilter());
        var withThree = core.Commands.Count;

        for (var i = 0; i < 4; i++)
        {
            await IssueMixAsync(core);
        }

        core.Commands.Reset();
        var page = await PageAsync(core, new QueueFilter());
        Assert.Equal(15, page.Rows.Count);
        Assert.Equal(withThree, core.Commands.Count);
        Assert.True(withThree <= 4, $"{withThree} queries for one page");
    }

    [Fact]
    public async Task A_change_reaching_many_open_queues_is_read_once_and_the_next_change_afresh()
    {
        await using var core = await CoreHarness.StartAsync();
        var first = await IssueMixAsync(core);
        var queue = core.Get<QueueQuery>();
        var pharmacyId = await PharmacyIdAsync(core, Scenario.Lagos);
        var change = new QueueChanged(pharmacyId, QueueChangeKind.Added, first[0], DateTime.UtcNow);

        core.Commands.Reset();
        await PageAsync(core, new QueueFilter());
        var oneRead = core.Commands.Count;
        core.Commands.Reset();
        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => queue.PageAfterAsync(change, pharmacyId, new QueueFilter(), 0, 25, None)));
        Assert.True(core.Commands.Count <= oneRead, $"{core.Commands.Count} commands for 20 queues, {oneRead} for one read");
        Assert.All(pages, p => Assert.Same(pages[0], p));

        var next = await IssueMixAsync(core);
        var after = await queue.PageAfterAsync(change with { PrescriptionId = next[0] }, pharmacyId, new QueueFilter(), 0, 25, None);
        Assert.Equal(6, after.TotalRows);
        var otherFilter = await queue.PageAfterAsync(change, pharmacyId, new QueueFilter(Priority: Priority.Controlled), 0, 25, None);
        Assert.Equal(2, otherFilter.TotalRows);
    }
}
