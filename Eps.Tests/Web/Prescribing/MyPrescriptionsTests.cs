using AngleSharp.Dom;
using Bunit;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Prescribing;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Eps.Tests.Web.Prescribing;

/// <summary>The patient's prescriptions page: moving a pending prescription and changing the pharmacy for new requests.</summary>
public sealed class MyPrescriptionsTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Patient = "patient@eps.test";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_patient_moves_a_pending_prescription_to_another_pharmacy_and_is_told_where_to_collect_it()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await using var ctx = await ContextAsync();
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<MyPrescriptions>();
        cut.WaitForAssertion(() => Assert.NotNull(Card(cut, rx.RxNumber)), Wait);

        await cut.InvokeAsync(() => Button(Card(cut, rx.RxNumber)!, "Collect elsewhere").Click());
        cut.WaitForAssertion(() => Assert.Contains("Marina Community Pharmacy will no longer be able to dispense it",
            cut.Find("[data-testid=move-panel]").TextContent, StringComparison.Ordinal));
        cut.Find("input[aria-label='Collect from']").Input("wuse");
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-popover-open [role=option]"), o => o.TextContent.Contains("Wuse Central Pharmacy", StringComparison.Ordinal)), Wait);
        popovers.FindAll(".mud-popover-open [role=option]").First(o => o.TextContent.Contains("Wuse Central Pharmacy", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.False(Button(Card(cut, rx.RxNumber)!, "Move here").HasAttribute("disabled")), Wait);
        await cut.InvokeAsync(() => Button(Card(cut, rx.RxNumber)!, "Move here").Click());

        cut.WaitForAssertion(() => Assert.Contains($"{rx.RxNumber} moved to Wuse Central Pharmacy, Abuja", cut.Find("[data-testid=notice]").TextContent,
            StringComparison.Ordinal), Wait);
        Assert.Contains("Wuse Central Pharmacy", Card(cut, rx.RxNumber)!.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=move-panel]"));
        await using var db = await app.NewDbAsync();
        Assert.Equal(Scenario.Abuja, await db.Prescriptions.Where(p => p.RxNumber == rx.RxNumber).Select(p => p.Pharmacy.Code).SingleAsync());
    }

    [Fact]
    public async Task The_patient_changes_the_pharmacy_for_new_requests()
    {
        await using var ctx = await ContextAsync();
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<MyPrescriptions>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=nomination]")), Wait);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Change pharmacy").Click());
        cut.Find("input[aria-label='New pharmacy']").Input("garden");
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-popover-open [role=option]"), o => o.TextContent.Contains("Garden City Pharmacy", StringComparison.Ordinal)), Wait);
        popovers.FindAll(".mud-popover-open [role=option]").First(o => o.TextContent.Contains("Garden City Pharmacy", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.False(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save pharmacy").HasAttribute("disabled")), Wait);
        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save pharmacy").Click());

        cut.WaitForAssertion(() => Assert.Contains("Garden City Pharmacy, Port Harcourt", cut.Find("[data-testid=default-pharmacy]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("is now your pharmacy for new requests", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal);
        var patient = await BunitHarness.ActorAsync(app, Patient);
        await using var db = await app.NewDbAsync();
        Assert.Equal("PHB-PH-300303", await db.Patients.Where(p => p.Id == patient.PatientId).Select(p => p.DefaultPharmacy!.Code).SingleAsync());
    }

    private async Task<BunitContext> ContextAsync() =>
        (await BunitHarness.SignedInAsync(app, Patient)).WithAppServices(app, typeof(PatientRequests), typeof(Nominations));

    private static IElement? Card(IRenderedComponent<MyPrescriptions> cut, string rxNumber) =>
        cut.FindAll("[data-testid=prescription]").FirstOrDefault(c => c.TextContent.Contains(rxNumber, StringComparison.Ordinal));

    private static IElement Button(IElement card, string text) =>
        card.QuerySelectorAll("button").Single(b => b.TextContent.Trim().StartsWith(text, StringComparison.Ordinal));
}
