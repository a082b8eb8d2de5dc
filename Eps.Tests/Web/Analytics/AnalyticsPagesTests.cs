using Bunit;
using Eps.Core.Analytics;
using Eps.Core.Dispensing;
using Eps.Tests.Infrastructure;
using Eps.Core.Pharmacies;
using Eps.Web.Features.Analytics;
using Eps.Web.Features.Dispensing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Eps.Tests.Web.Analytics;

public sealed class AnalyticsPagesTests(EpsApp app) : IClassFixture<EpsApp>
{
    private async Task<BunitContext> ContextAsync(string email)
    {
        var ctx = await BunitHarness.SignedInAsync(app, email);
        ctx.WithAppServices(app, typeof(ControlledRegister), typeof(AnalyticsService), typeof(PharmacyDirectory));
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    [Fact]
    public async Task A_pharmacist_sees_charts_and_tables_of_their_own_pharmacy_only()
    {
        await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Lagos);
        await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Abuja, patientEmail: "patient2@eps.test");
        await using var ctx = await ContextAsync("pharmacist.lagos@eps.test");

        var cut = ctx.Render<AnalyticsDashboard>();

        cut.WaitForAssertion(() => Assert.Contains("Marina Community Pharmacy", cut.Find("[data-testid=volume-table]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Wuse Central Pharmacy", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=pharmacy-filter]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=volume-section] svg"));
        Assert.Contains("No verification failed", cut.Find("[data-testid=failures-section]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_every_pharmacy_and_can_filter()
    {
        await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Lagos);
        await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Abuja, patientEmail: "patient2@eps.test");
        await using var ctx = await ContextAsync("admin@eps.test");

        var cut = ctx.Render<AnalyticsDashboard>(p => p.Add(d => d.AllPharmacies, true));

        cut.WaitForAssertion(() =>
        {
            var table = cut.Find("[data-testid=volume-table]").TextContent;
            Assert.Contains("Marina Community Pharmacy", table, StringComparison.Ordinal);
            Assert.Contains("Wuse Central Pharmacy", table, StringComparison.Ordinal);
        });
        Assert.NotEmpty(cut.FindAll("[data-testid=pharmacy-filter]"));
    }

    [Fact]
    public async Task The_compliance_page_lists_controlled_dispenses_with_the_id_seen_and_offers_the_csv()
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Diazepam", pharmacyCode: Scenario.Lagos);
        var pharmacist = await BunitHarness.ActorAsync(app, "pharmacist.lagos@eps.test");
        var outcome = await app.Services.GetRequiredService<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null, IdDocumentType.InternationalPassport, "A12345678"),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), default);
        Assert.True(outcome.Succeeded, outcome.Message);
        await using var ctx = await ContextAsync("admin@eps.test");

        var cut = ctx.Render<CompliancePage>();

        cut.WaitForAssertion(() => Assert.Contains(rx.RxNumber, cut.Find("[data-testid=register-table]").TextContent, StringComparison.Ordinal));
        var table = cut.Find("[data-testid=register-table]").TextContent;
        Assert.Contains("HPN 123 456 7890", table, StringComparison.Ordinal);
        Assert.Contains("International passport", table, StringComparison.Ordinal);
        Assert.Contains("A12345678", table, StringComparison.Ordinal);
        Assert.Contains("/api/register.csv?from=", cut.Find("a[href*='register.csv']").GetAttribute("href"), StringComparison.Ordinal);
    }
}
