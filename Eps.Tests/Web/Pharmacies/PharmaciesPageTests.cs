using Bunit;
using Eps.Core.Pharmacies;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Pharmacies;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static Eps.Tests.Web.AdminPageKit;

namespace Eps.Tests.Web.Pharmacies;

/// <summary>The admin's pharmacies page on the app's real core and SQLite file.</summary>
public sealed class PharmaciesPageTests(EpsApp app) : IClassFixture<EpsApp>
{
    [Fact]
    public async Task The_list_shows_each_pharmacy_with_its_pharmacists_and_pending_prescriptions()
    {
        await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Abuja, patientEmail: "patient2@eps.test");
        await using var ctx = await ContextAsync();
        var (cut, _) = Render(ctx);

        var abuja = Row(cut, "pharmacies", Scenario.Abuja);
        Assert.Contains("Wuse Central Pharmacy", abuja.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", abuja.QuerySelector("[data-testid=staff-count]")!.TextContent.Trim());
        Assert.True(int.Parse(abuja.QuerySelector("[data-testid=pending-count]")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("Active", abuja.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_pharmacy_with_a_bad_code_is_answered_at_the_field_and_saved_once_corrected()
    {
        await using var ctx = await ContextAsync();
        var (cut, _) = Render(ctx);

        Click(cut, "Add pharmacy");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=pharmacy-form]")), Wait);
        Type(cut.Find("[data-testid=pharmacy-form]"), "Code", "PHB-PH-12");
        Type(cut.Find("[data-testid=pharmacy-form]"), "Name", "Ikeja Family Pharmacy");
        Type(cut.Find("[data-testid=pharmacy-form]"), "Address", "12 Allen Avenue");
        Type(cut.Find("[data-testid=pharmacy-form]"), "City", "Lagos");
        Type(cut.Find("[data-testid=pharmacy-form]"), "Postcode", "100271");
        Type(cut.Find("[data-testid=pharmacy-form]"), "Phone", "+234 805 555 0101");
        Type(cut.Find("[data-testid=pharmacy-form]"), "Email", "ikeja@pharmacy.eps.test");
        Submit(cut, "pharmacy-form");

        cut.WaitForAssertion(() => Assert.Contains("six digits", ErrorIn(cut.Find("[data-testid=pharmacy-form]"), "Code"), StringComparison.Ordinal), Wait);
        Assert.Null(ErrorIn(cut.Find("[data-testid=pharmacy-form]"), "Email"));
        Assert.False(await ExistsAsync("Ikeja Family Pharmacy"));

        Type(cut.Find("[data-testid=pharmacy-form]"), "Code", "PHB-PH-400404");
        Submit(cut, "pharmacy-form");

        cut.WaitForAssertion(() => Assert.Contains("Ikeja Family Pharmacy", Row(cut, "pharmacies", "PHB-PH-400404").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=pharmacy-form]"));
        Assert.True(await ExistsAsync("Ikeja Family Pharmacy"));
    }

    [Fact]
    public async Task Deactivating_asks_first_then_the_row_offers_reactivation()
    {
        const string GardenCity = "PHB-PH-300303";
        await using var ctx = await ContextAsync();
        var (cut, dialogs) = Render(ctx);

        Click(cut, "Deactivate", Row(cut, "pharmacies", GardenCity));
        dialogs.WaitForAssertion(() => Assert.Contains("no longer be able to nominate", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Wait);
        Click(dialogs, "Deactivate");

        cut.WaitForAssertion(() => Assert.Contains("Reactivate", Row(cut, "pharmacies", GardenCity).TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Deactivated", Row(cut, "pharmacies", GardenCity).TextContent, StringComparison.Ordinal);
        Assert.NotNull(await DeactivatedAtAsync(GardenCity));

        Click(cut, "Reactivate", Row(cut, "pharmacies", GardenCity));
        cut.WaitForAssertion(() => Assert.DoesNotContain("Reactivate", Row(cut, "pharmacies", GardenCity).TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(await DeactivatedAtAsync(GardenCity));
    }

    private async Task<BunitContext> ContextAsync() =>
        (await BunitHarness.SignedInAsync(app, "admin@eps.test")).WithAppServices(app, typeof(PharmacyAdministration));

    private static (IRenderedComponent<PharmaciesPage> Page, IRenderedComponent<MudDialogProvider> Dialogs) Render(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<PharmaciesPage>();
        cut.WaitForAssertion(() => Assert.Contains(Scenario.Lagos, cut.Find("[data-testid=pharmacies]").TextContent, StringComparison.Ordinal), Wait);
        return (cut, dialogs);
    }

    private async Task<bool> ExistsAsync(string name)
    {
        await using var db = await app.NewDbAsync();
        return await db.Pharmacies.AnyAsync(p => p.Name == name);
    }

    private async Task<DateTime?> DeactivatedAtAsync(string code)
    {
        await using var db = await app.NewDbAsync();
        return await db.Pharmacies.Where(p => p.Code == code).Select(p => p.DeactivatedAt).SingleAsync();
    }
}
