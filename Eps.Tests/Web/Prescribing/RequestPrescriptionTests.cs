using AngleSharp.Dom;
using Bunit;
using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Prescribing;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Eps.Tests.Web.Prescribing;

/// <summary>The patient's request form on the app's real core and SQLite file, driven as the patient would.</summary>
public sealed class RequestPrescriptionTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Patient = "patient@eps.test";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sending_the_empty_form_shows_what_is_missing_next_to_each_field_and_saves_nothing()
    {
        var before = await RequestCountAsync();
        await using var ctx = await ContextAsync();
        var cut = RenderForm(ctx);

        await ClickSend(cut);

        cut.WaitForAssertion(() => Assert.Equal("Choose a medicine from the catalogue.", ErrorNextTo(cut, "Medicine")), Wait);
        Assert.Equal("Choose a strength.", ErrorNextTo(cut, "Strength"));
        Assert.Equal("Tell the doctor why you need these medicines.", ErrorNextTo(cut, "Reason for the request"));
        Assert.Null(ErrorNextTo(cut, "Quantity"));
        Assert.Null(ErrorNextTo(cut, "Nominated pharmacy")); // preselected
        Assert.Equal("true", cut.Find("textarea").GetAttribute("aria-invalid"));
        Assert.Equal(before, await RequestCountAsync());
        Assert.EndsWith("/", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal); // stayed
    }

    [Fact]
    public async Task The_patients_default_pharmacy_is_preselected()
    {
        await using var ctx = await ContextAsync();
        var cut = RenderForm(ctx);

        Assert.Equal("Marina Community Pharmacy, Lagos", Field(cut, "Nominated pharmacy").QuerySelector("input")!.GetAttribute("value"));
        Assert.Contains("12 Broad Street, Lagos Island", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("+234 801 234 5601", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5000")]
    public async Task An_out_of_range_quantity_is_refused_next_to_the_field_and_kept_as_typed(string quantity)
    {
        var before = await RequestCountAsync();
        await using var ctx = await ContextAsync();
        var cut = RenderForm(ctx);

        Field(cut, "Quantity").QuerySelector("input")!.Change(quantity);
        await ClickSend(cut);

        cut.WaitForAssertion(() => Assert.Equal($"Quantity must be between 1 and {RequestRules.MaxQuantity}.", ErrorNextTo(cut, "Quantity")), Wait);
        Assert.Equal(quantity, Field(cut, "Quantity").QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal(before, await RequestCountAsync());
    }

    [Fact]
    public async Task A_complete_request_is_saved_as_submitted_and_the_patient_lands_on_my_requests()
    {
        var reason = $"Running out of my antibiotics ({Guid.NewGuid():N})";
        await using var ctx = await ContextAsync();
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = RenderForm(ctx);

        // Medicine: type part of the name and pick it from the suggestions, as a patient does.
        cut.Find("input[aria-label='Medicine 1']").Input("amoxi");
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-popover-open [role=option]"), o => OptionText(o) == "Amoxicillin"), Wait);
        popovers.FindAll(".mud-popover-open [role=option]").First(o => OptionText(o) == "Amoxicillin").Click();
        cut.WaitForAssertion(() => Assert.Equal("Amoxicillin", cut.Find("input[aria-label='Medicine 1']").GetAttribute("value")));

        // Strength: amoxicillin comes as 250 mg and 500 mg, so the patient must choose.
        cut.WaitForAssertion(() => Assert.False(cut.Find("input[aria-label='Strength']").HasAttribute("disabled")));
        cut.Find(".eps-strength").MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-popover-open [role=option]"), o => OptionText(o) == "500 mg"));
        popovers.FindAll(".mud-popover-open [role=option]").First(o => OptionText(o) == "500 mg").Click();
        cut.WaitForAssertion(() => Assert.Equal("500 mg", cut.Find(".eps-strength div[role=combobox]").TextContent.Trim())); // shown in place of the input

        Field(cut, "Quantity").QuerySelector("input")!.Change("21");
        cut.Find("textarea").Change(reason);
        await ClickSend(cut);

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/requests", navigation.Uri, StringComparison.Ordinal), Wait);
        await using var db = await app.NewDbAsync();
        var saved = await db.PrescriptionRequests.Include(r => r.Items).ThenInclude(i => i.Drug).Include(r => r.Pharmacy)
            .SingleAsync(r => r.Reason == reason);
        Assert.Equal(RequestStatus.Submitted, saved.Status);
        Assert.Equal(Scenario.Lagos, saved.Pharmacy.Code);
        var item = Assert.Single(saved.Items);
        Assert.Equal(("Amoxicillin", "500 mg", 21), (item.Drug.GenericName, item.Strength, item.QuantityRequested));
    }

    private async Task<BunitContext> ContextAsync() =>
        (await BunitHarness.SignedInAsync(app, Patient))
            .WithAppServices(app, typeof(Catalogue), typeof(PharmacyDirectory), typeof(PatientRequests), typeof(RequestAgain));

    private static IRenderedComponent<RequestPrescription> RenderForm(BunitContext ctx)
    {
        var cut = ctx.Render<RequestPrescription>();
        // Loaded once the default pharmacy's address shows under the form.
        cut.WaitForAssertion(() => Assert.Contains("12 Broad Street, Lagos Island", cut.Markup, StringComparison.Ordinal), Wait);
        return cut;
    }

    /// <summary>Finds and clicks in one step on the renderer's thread: a field's change may still be re-rendering the form.</summary>
    private static Task ClickSend(IRenderedComponent<RequestPrescription> cut) =>
        cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Send request").Click());

    /// <summary>The MudBlazor input control labelled <paramref name="label"/>: the input, its label and helper line.</summary>
    private static IElement Field(IRenderedComponent<RequestPrescription> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector(".mud-input-label")?.TextContent.Trim() == label);

    private static string? ErrorNextTo(IRenderedComponent<RequestPrescription> cut, string label) =>
        Field(cut, label).QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    private static string OptionText(IElement option) => option.QuerySelector("span")?.TextContent.Trim() ?? option.TextContent.Trim();

    private async Task<int> RequestCountAsync()
    {
        await using var db = await app.NewDbAsync();
        return await db.PrescriptionRequests.CountAsync();
    }
}
