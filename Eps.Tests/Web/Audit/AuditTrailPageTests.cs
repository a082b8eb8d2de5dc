using AngleSharp.Dom;
using Bunit;
using Eps.Core.Audit;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Eps.Tests.Web.Audit;

/// <summary>The admin's audit browser on the app's real core: entries listed and filtered, the export link, the chain check.</summary>
public sealed class AuditTrailPageTests(EpsApp app) : IClassFixture<EpsApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Entries_are_listed_newest_first_with_the_actor_named_and_a_subject_filter_narrows_them_and_the_export()
    {
        var moved = await MoveAsync();
        var other = await MoveAsync();
        await using var ctx = await ContextAsync();
        var cut = ctx.Render<AuditTrailPage>();

        cut.WaitForAssertion(() => Assert.Contains(other, cut.Find("[data-testid=audit-table]").TextContent, StringComparison.Ordinal), Wait);
        var rows = cut.FindAll("[data-testid=audit-table] tbody tr");
        Assert.Contains(other, rows[0].TextContent, StringComparison.Ordinal); // newest first
        Assert.Contains("prescription_moved", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Adaeze Okafor", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("patient@eps.test", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("PHB-PH-200202", rows[0].TextContent, StringComparison.Ordinal);

        await cut.InvokeAsync(() => Field(cut, "Subject").QuerySelector("input")!.Change(moved.ToLowerInvariant()));

        cut.WaitForAssertion(() => Assert.DoesNotContain(other, cut.Find("[data-testid=audit-table]").TextContent, StringComparison.Ordinal), Wait);
        Assert.All(cut.FindAll("[data-testid=audit-table] tbody tr"), r => Assert.Contains(moved, r.TextContent, StringComparison.Ordinal));
        var href = cut.Find("a[href*='audit.csv']").GetAttribute("href")!;
        Assert.StartsWith("/api/audit.csv?from=", href, StringComparison.Ordinal);
        Assert.EndsWith("&subject=" + Uri.EscapeDataString(moved.ToLowerInvariant()), href, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_nothing_matches_shows_the_empty_state()
    {
        await using var ctx = await ContextAsync();
        var cut = ctx.Render<AuditTrailPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);

        await cut.InvokeAsync(() => Field(cut, "Subject").QuerySelector("input")!.Change("no-such-subject"));

        cut.WaitForAssertion(() => Assert.Contains("No audit entries match", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=audit-table]"));
    }

    [Fact]
    public async Task The_chain_check_reports_an_intact_chain_beside_the_browser()
    {
        await MoveAsync();
        await using var ctx = await ContextAsync();
        var cut = ctx.Render<AuditTrailPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=audit-table]")), Wait);

        await cut.InvokeAsync(() => cut.Find("[data-testid=check-chain]").Click());

        cut.WaitForAssertion(() => Assert.StartsWith("Chain intact.", cut.Find("[data-testid=chain-report]").TextContent.Trim(), StringComparison.Ordinal), Wait);
        Assert.Contains("entries link correctly", cut.Find("[data-testid=chain-report]").TextContent, StringComparison.Ordinal);
    }

    private async Task<BunitContext> ContextAsync()
    {
        var ctx = (await BunitHarness.SignedInAsync(app, "admin@eps.test"))
            .WithAppServices(app, typeof(AuditBrowser), typeof(AuditVerifier), typeof(PharmacyDirectory));
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    /// <summary>A prescription the demo patient moves from Lagos to Abuja: one audit entry with a known subject and actor.</summary>
    private async Task<string> MoveAsync()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        int abuja;
        await using (var db = await app.NewDbAsync())
        {
            abuja = await db.Pharmacies.Where(p => p.Code == Scenario.Abuja).Select(p => p.Id).SingleAsync();
        }

        var result = await app.Services.GetRequiredService<Nominations>()
            .MoveAsync(await BunitHarness.ActorAsync(app, "patient@eps.test"), rx.RxNumber, abuja, CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        return rx.RxNumber;
    }

    private static IElement Field(IRenderedComponent<AuditTrailPage> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector(".mud-input-label")?.TextContent.Trim() == label);
}
