using Eps.Core.Audit;
using Eps.Core.Prescribing;
using Eps.Core.Reporting;
using Eps.Tests.Infrastructure;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Audit;

/// <summary>The admin's audit browser: filters, paging, who may read it, and its CSV.</summary>
public sealed class AuditBrowserTests
{
    [Fact]
    public async Task Entries_are_filtered_by_kind_actor_subject_and_period_newest_first_with_the_actor_named()
    {
        await using var core = await CoreHarness.StartAsync();
        var first = await IssueAsync(core);
        var second = await IssueAsync(core);
        Assert.True((await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), second.RxNumber, "Allergy", None)).Succeeded);
        var admin = await core.ActorAsync(Admin);
        var browser = core.Get<AuditBrowser>();
        var period = core.Get<LocalClock>().DefaultPeriod();

        var all = await browser.PageAsync(admin, new AuditFilter(period), 0, 100, None);
        Assert.True(all.Total >= 3);
        Assert.Equal(all.Rows.Select(r => r.Sequence).OrderDescending(), all.Rows.Select(r => r.Sequence));

        var cancellation = Assert.Single((await browser.PageAsync(admin, new AuditFilter(period, Kind: "cancellation"), 0, 10, None)).Rows);
        Assert.Equal(second.RxNumber, cancellation.Subject);
        Assert.Equal(("Dr Chinedu Eze", Doctor), (cancellation.ActorName, cancellation.ActorEmail));
        Assert.Contains("Allergy", cancellation.Details, StringComparison.Ordinal);

        var byDoctor = await browser.PageAsync(admin, new AuditFilter(period, Actor: "DOCTOR@eps"), 0, 100, None);
        Assert.Equal(3, byDoctor.Total); // two approvals and the cancellation
        Assert.All(byDoctor.Rows, r => Assert.Equal(Doctor, r.ActorEmail));
        Assert.Equal(3, (await browser.PageAsync(admin, new AuditFilter(period, Actor: "chinedu"), 0, 100, None)).Total);
        Assert.Equal(3, (await browser.PageAsync(admin, new AuditFilter(period, Actor: byDoctor.Rows[0].ActorUserId), 0, 100, None)).Total);

        var bySubject = await browser.PageAsync(admin, new AuditFilter(period, Subject: second.RxNumber.ToLowerInvariant()), 0, 100, None);
        Assert.All(bySubject.Rows, r => Assert.Equal(second.RxNumber, r.Subject));
        Assert.DoesNotContain(bySubject.Rows, r => r.Subject == first.RxNumber);

        var lastYear = new ReportPeriod(period.From.AddYears(-1), period.To.AddYears(-1));
        Assert.Equal(0, (await browser.PageAsync(admin, new AuditFilter(lastYear), 0, 10, None)).Total);
        Assert.Contains("cancellation", await browser.KindsAsync(admin, None));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_overlap()
    {
        await using var core = await CoreHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await IssueAsync(core);
        }

        var admin = await core.ActorAsync(Admin);
        var filter = new AuditFilter(core.Get<LocalClock>().DefaultPeriod());
        var browser = core.Get<AuditBrowser>();
        var whole = await browser.PageAsync(admin, filter, 0, 100, None);
        var pages = new List<AuditRow>();
        for (var skip = 0; skip < whole.Total; skip += 2)
        {
            pages.AddRange((await browser.PageAsync(admin, filter, skip, 2, None)).Rows);
        }

        Assert.Equal(whole.Rows.Select(r => r.Sequence), pages.Select(r => r.Sequence));
    }

    [Theory]
    [InlineData(Patient)]
    [InlineData(LagosPharmacist)]
    [InlineData(Doctor)]
    public async Task Only_admins_read_the_trail(string email)
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueAsync(core);
        var actor = await core.ActorAsync(email);
        var filter = new AuditFilter(core.Get<LocalClock>().DefaultPeriod());

        Assert.Equal(0, (await core.Get<AuditBrowser>().PageAsync(actor, filter, 0, 10, None)).Total);
        Assert.Empty(await core.Get<AuditBrowser>().ExportAsync(actor, filter, None));
        Assert.Empty(await core.Get<AuditBrowser>().KindsAsync(actor, None));
    }

    [Fact]
    public async Task The_export_is_crlf_csv_in_chain_order_that_rehashes_to_the_stored_hashes()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueAsync(core);
        await IssueAsync(core);
        var rows = await core.Get<AuditBrowser>().ExportAsync(await core.ActorAsync(Admin), new AuditFilter(core.Get<LocalClock>().DefaultPeriod()), None);

        var csv = AuditBrowser.ToCsv(rows);

        Assert.StartsWith("sequence,at_utc,kind,actor_user_id,actor_name,actor_email,subject,details,previous_hash,hash\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(rows.Select(r => r.Sequence).Order(), rows.Select(r => r.Sequence));
        Assert.All(rows, r => Assert.Equal(r.Hash, AuditChain.HashOf(r.PreviousHash, r.Sequence, r.At, r.Kind, r.ActorUserId, r.Subject, r.Details)));
        Assert.Contains("Dr Chinedu Eze", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_neutralised_and_quotes_and_commas_escaped()
    {
        var row = new AuditRow(7, new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc), "verification", null, "=HYPERLINK(\"x\")", null,
            "=1+1", """{"reason":"a, b"}""", AuditChain.Genesis, AuditChain.Genesis);

        var line = AuditBrowser.ToCsv([row]).Split("\r\n")[1];

        Assert.Equal("""7,2026-11-27T09:00:00.0000000Z,verification,,"'=HYPERLINK(""x"")",,"'=1+1","{""reason"":""a, b""}",""" +
            $"{AuditChain.Genesis},{AuditChain.Genesis}", line);
    }

    [Theory]
    [InlineData("2026-11-01", "2026-11-30", null, null, null, null)]
    [InlineData("yesterday", "2026-11-30", null, null, null, "from")]
    [InlineData("2026-11-01", "2025-11-30", null, null, null, "to")]
    [InlineData("2026-11-01", "2026-11-30", "DROP TABLE", null, null, "kind")]
    [InlineData("2026-11-01", "2026-11-30", "verification", "a\u0000b", null, "actor")]
    [InlineData("2026-11-01", "2026-11-30", " dispense ", " admin@eps.test ", "PHB-RX-00000000-and-far-too-long-to-be-any-subject-ever-written-to-the-trail", "subject")]
    public void Query_values_are_checked_and_the_field_at_fault_named(string from, string to, string? kind, string? actor, string? subject, string? field)
    {
        var ok = AuditFilter.TryParse(from, to, kind, actor, subject, out var filter, out var error);

        Assert.Equal(field is null, ok);
        Assert.Equal(field, ok ? null : error.Field);
        if (ok)
        {
            Assert.Equal("from=2026-11-01&to=2026-11-30", filter.ToQuery());
        }
    }

    [Fact]
    public void Blank_values_match_anything_and_typed_ones_are_trimmed_and_escaped_in_the_query()
    {
        Assert.True(AuditFilter.TryParse("2026-11-01", "2026-11-30", " dispense ", "  ", "PHB RX&1", out var filter, out _));

        Assert.Equal(("dispense", null, "PHB RX&1"), (filter.Kind, filter.Actor, filter.Subject));
        Assert.Equal("from=2026-11-01&to=2026-11-30&kind=dispense&subject=PHB%20RX%261", filter.ToQuery());
    }
}
