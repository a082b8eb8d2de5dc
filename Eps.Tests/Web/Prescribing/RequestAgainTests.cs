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

/// <summary>
/// "Request again" from My requests and My prescriptions: the form opens filled in with the same medicines and
/// pharmacy, sends nothing by itself, and says what it had to leave out. Its own app: it retires a drug and deactivates a pharmacy.
/// </summary>
public sealed class RequestAgainTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Patient = "patient@eps.test";
    private const string GardenCity = "PHB-PH-300303";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task My_requests_and_my_prescriptions_link_each_item_to_the_prefilled_form()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var reference = await ReferenceAsync(rx.RequestId);
        await using var ctx = await ContextAsync(typeof(Nominations), typeof(PharmacyChoice));

        var requests = ctx.Render<MyRequests>();
        requests.WaitForAssertion(() => Assert.Contains(requests.FindAll("a"),
            a => a.GetAttribute("href") == $"/requests/new?from-request={reference}" && a.TextContent.Contains("Request again", StringComparison.Ordinal)), Wait);
        var prescriptions = ctx.Render<MyPrescriptions>();
        prescriptions.WaitForAssertion(() => Assert.Contains(prescriptions.FindAll("a"),
            a => a.GetAttribute("href") == $"/requests/new?from-prescription={rx.RxNumber}" && a.TextContent.Contains("Request again", StringComparison.Ordinal)), Wait);
    }

    [Fact]
    public async Task An_earlier_request_fills_the_form_with_its_medicines_and_pharmacy_and_sends_only_when_the_patient_does()
    {
        var (reference, _) = await SubmitAsync([("Amoxicillin", "500 mg", 21), ("Warfarin", "3 mg", 28)], Scenario.Abuja);
        var before = await RequestCountAsync();
        await using var ctx = await ContextAsync();

        var cut = RenderForm(ctx, RequestPrescription.AgainFromRequest(reference));

        Assert.Contains($"Copied from {reference}", cut.Find("[data-testid=request-again]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Amoxicillin", cut.Find("input[aria-label='Medicine 1']").GetAttribute("value"));
        Assert.Equal("Warfarin", cut.Find("input[aria-label='Medicine 2']").GetAttribute("value"));
        Assert.Equal(["500 mg", "3 mg"], cut.FindAll(".eps-strength div[role=combobox]").Select(s => s.TextContent.Trim()));
        Assert.Equal(["21", "28"], QuantityInputs(cut));
        Assert.Equal("Wuse Central Pharmacy, Abuja", PharmacyInput(cut));
        Assert.Empty(cut.FindAll("[data-testid=request-again-left-out]"));
        Assert.Equal(before, await RequestCountAsync()); // opening the form sent nothing

        var reason = $"Same again ({Guid.NewGuid():N})";
        cut.Find("textarea").Change(reason);
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Send request").Click();

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/requests", navigation.Uri, StringComparison.Ordinal), Wait);
        await using var db = await app.NewDbAsync();
        var sent = await db.PrescriptionRequests.Include(r => r.Items).ThenInclude(i => i.Drug).Include(r => r.Pharmacy).SingleAsync(r => r.Reason == reason);
        Assert.Equal(Scenario.Abuja, sent.Pharmacy.Code);
        Assert.Equal([("Amoxicillin", "500 mg", 21), ("Warfarin", "3 mg", 28)],
            sent.Items.OrderBy(i => i.Id).Select(i => (i.Drug.GenericName, i.Strength, i.QuantityRequested)));
    }

    [Fact]
    public async Task A_retired_medicine_and_a_deactivated_pharmacy_are_left_out_with_a_note()
    {
        var (reference, _) = await SubmitAsync([("Methotrexate", "2.5 mg", 12), ("Digoxin", "125 mcg", 28)], GardenCity);
        var rx = await Scenario.IssueAsync(app.Services, drug: "Methotrexate", pharmacyCode: GardenCity);
        await using (var db = await app.NewDbAsync())
        {
            await db.Drugs.Where(d => d.GenericName == "Methotrexate").ExecuteUpdateAsync(s => s.SetProperty(d => d.RetiredAt, DateTime.UtcNow));
            await db.Pharmacies.Where(p => p.Code == GardenCity).ExecuteUpdateAsync(s => s.SetProperty(p => p.DeactivatedAt, DateTime.UtcNow));
        }

        await using var ctx = await ContextAsync();
        var fromRequest = RenderForm(ctx, RequestPrescription.AgainFromRequest(reference));

        var notes = fromRequest.FindAll("[data-testid=request-again-left-out]").Select(n => n.TextContent).ToList();
        Assert.Contains(notes, n => n.Contains("Methotrexate 2.5 mg is no longer in the catalogue", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("Garden City Pharmacy no longer takes nominations", StringComparison.Ordinal));
        Assert.Equal("Digoxin", fromRequest.Find("input[aria-label='Medicine 1']").GetAttribute("value"));
        Assert.Empty(fromRequest.FindAll("input[aria-label='Medicine 2']"));
        Assert.True(string.IsNullOrEmpty(PharmacyInput(fromRequest)));

        // The prescription held only the retired medicine: an empty form, with the same notes.
        await using var again = await ContextAsync();
        var fromRx = RenderForm(again, RequestPrescription.AgainFromPrescription(rx.RxNumber));
        Assert.Equal(2, fromRx.FindAll("[data-testid=request-again-left-out]").Count);
        Assert.True(string.IsNullOrEmpty(fromRx.Find("input[aria-label='Medicine 1']").GetAttribute("value")));
    }

    [Fact]
    public async Task Another_patients_request_or_prescription_copies_nothing()
    {
        var theirs = await Scenario.IssueAsync(app.Services, patientEmail: "patient2@eps.test", pharmacyCode: Scenario.Abuja);
        await using var ctx = await ContextAsync();

        var cut = RenderForm(ctx, RequestPrescription.AgainFromRequest(await ReferenceAsync(theirs.RequestId)));

        Assert.Contains("was not found", cut.Find("[data-testid=request-again]").TextContent, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(cut.Find("input[aria-label='Medicine 1']").GetAttribute("value")));
        await using var other = await ContextAsync();
        var byRx = RenderForm(other, RequestPrescription.AgainFromPrescription(theirs.RxNumber));
        Assert.DoesNotContain(theirs.MedicationName, byRx.Markup, StringComparison.Ordinal);
    }

    private async Task<BunitContext> ContextAsync(params Type[] more)
    {
        var ctx = (await BunitHarness.SignedInAsync(app, Patient))
            .WithAppServices(app, [typeof(Catalogue), typeof(PharmacyDirectory), typeof(PatientRequests), typeof(RequestAgain), .. more]);
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    private static IRenderedComponent<RequestPrescription> RenderForm(BunitContext ctx, string address)
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        var cut = ctx.Render<RequestPrescription>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);
        return cut;
    }

    private static List<string?> QuantityInputs(IRenderedComponent<RequestPrescription> cut) =>
        [.. cut.FindAll(".mud-input-control").Where(c => c.QuerySelector(".mud-input-label")?.TextContent.Trim() == "Quantity")
            .Select(c => c.QuerySelector("input")!.GetAttribute("value"))];

    private static string? PharmacyInput(IRenderedComponent<RequestPrescription> cut) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector(".mud-input-label")?.TextContent.Trim() == "Nominated pharmacy")
            .QuerySelector("input")!.GetAttribute("value");

    private async Task<(string Reference, int Id)> SubmitAsync(IReadOnlyList<(string Drug, string Strength, int Quantity)> items, string pharmacyCode)
    {
        var patient = await BunitHarness.ActorAsync(app, Patient);
        await using var db = await app.NewDbAsync();
        var pharmacyId = await db.Pharmacies.Where(p => p.Code == pharmacyCode).Select(p => p.Id).SingleAsync();
        var requested = new List<RequestedItem>();
        foreach (var (drug, strength, quantity) in items)
        {
            requested.Add(new RequestedItem(await db.Drugs.Where(d => d.GenericName == drug).Select(d => d.Id).SingleAsync(), strength, quantity, null));
        }

        var (result, reference) = await app.Services.GetRequiredService<PatientRequests>()
            .SubmitAsync(patient, new NewRequest(pharmacyId, "Earlier request", requested), default);
        Assert.True(result.Succeeded, result.Message);
        return (reference!, await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync());
    }

    private async Task<string> ReferenceAsync(int requestId)
    {
        await using var db = await app.NewDbAsync();
        return await db.PrescriptionRequests.Where(r => r.Id == requestId).Select(r => r.Reference).SingleAsync();
    }

    private async Task<int> RequestCountAsync()
    {
        await using var db = await app.NewDbAsync();
        return await db.PrescriptionRequests.CountAsync();
    }
}
