using Bunit;
using Eps.Core.Drugs;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Drugs;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static Eps.Tests.Web.AdminPageKit;

namespace Eps.Tests.Web.Drugs;

/// <summary>The admin's drug catalogue page on the app's real core and SQLite file.</summary>
public sealed class DrugsPageTests(EpsApp app) : IClassFixture<EpsApp>
{
    [Fact]
    public async Task The_catalogue_is_listed_searchable_and_offers_the_csv_export()
    {
        await using var ctx = await ContextAsync();
        var (cut, _) = Render(ctx);

        Assert.Contains("Schedule 3", Row(cut, "drugs", "Diazepam").TextContent, StringComparison.Ordinal);
        Assert.Equal(CatalogueEndpoints.CsvPath, cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        cut.Find("input[data-testid=drug-search], [data-testid=drug-search] input").Input("diazepam");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=drugs] tbody tr")), Wait);
        Assert.Contains("Diazepam", cut.Find("[data-testid=drugs] tbody").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_drug_is_checked_field_by_field_and_added_once_complete()
    {
        await using var ctx = await ContextAsync();
        var (cut, _) = Render(ctx);

        Click(cut, "Add drug");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=drug-form]")), Wait);
        Type(cut.Find("[data-testid=drug-form]"), "Generic name", "Cefuroxime");
        Type(cut.Find("[data-testid=drug-form]"), "Strengths", "250 mg, 500 mg");
        Submit(cut, "drug-form");

        cut.WaitForAssertion(() => Assert.Equal("Enter the form (e.g. Tablet, Capsule, Syrup).", ErrorIn(cut.Find("[data-testid=drug-form]"), "Form")), Wait);
        Assert.NotNull(ErrorIn(cut.Find("[data-testid=drug-form]"), "Category"));
        Assert.Null(ErrorIn(cut.Find("[data-testid=drug-form]"), "Generic name"));

        Type(cut.Find("[data-testid=drug-form]"), "Form", "Tablet");
        Type(cut.Find("[data-testid=drug-form]"), "Category", "Antibiotic");
        Submit(cut, "drug-form");

        cut.WaitForAssertion(() => Assert.Contains("Antibiotic", Row(cut, "drugs", "Cefuroxime").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=drug-form]"));
        await using var db = await app.NewDbAsync();
        Assert.Equal("250 mg, 500 mg", (await db.Drugs.SingleAsync(d => d.GenericName == "Cefuroxime")).Strengths);
    }

    [Fact]
    public async Task Retiring_asks_first_hides_the_drug_and_restoring_brings_it_back()
    {
        await using var ctx = await ContextAsync();
        var (cut, dialogs) = Render(ctx);

        Click(cut, "Retire", Row(cut, "drugs", "Lorazepam"));
        dialogs.WaitForAssertion(() => Assert.Contains("will no longer be offered", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Wait);
        Click(dialogs, "Retire");

        cut.WaitForAssertion(() => Assert.DoesNotContain("Lorazepam", cut.Find("[data-testid=drugs]").TextContent, StringComparison.Ordinal), Wait);
        Assert.NotNull(await RetiredAtAsync("Lorazepam"));
        cut.Find("input[data-testid=show-retired], [data-testid=show-retired] input").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("Retired", Row(cut, "drugs", "Lorazepam").TextContent, StringComparison.Ordinal), Wait);

        Click(cut, "Restore", Row(cut, "drugs", "Lorazepam"));
        cut.WaitForAssertion(() => Assert.Contains("In catalogue", Row(cut, "drugs", "Lorazepam").TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(await RetiredAtAsync("Lorazepam"));
    }

    [Fact]
    public async Task An_uploaded_csv_with_a_bad_row_lists_the_line_and_imports_nothing_and_a_good_one_is_imported()
    {
        await using var ctx = await ContextAsync();
        var (cut, _) = Render(ctx);
        const string Header = "generic_name,strengths,form,category,schedule,risk_level\r\n";
        const string Good = "Nitrofurantoin,\"50 mg, 100 mg\",Capsule,Antibiotic,none,low\r\n";

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Header + Good + "Dapsone,100 mg,Tablet,Antileprotic,9,low\r\n", "catalogue.csv"));

        cut.WaitForAssertion(() => Assert.Contains("Line 3, schedule", cut.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Nothing was imported", cut.Find("[data-testid=import-result]").TextContent, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("Nitrofurantoin"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Header + Good, "catalogue.csv"));

        cut.WaitForAssertion(() => Assert.Contains("1 added", cut.Find("[data-testid=import-result]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=import-errors]"));
        Assert.True(await ExistsAsync("Nitrofurantoin"));
        Assert.Contains("Capsule", Row(cut, "drugs", "Nitrofurantoin").TextContent, StringComparison.Ordinal);
    }

    private async Task<BunitContext> ContextAsync() =>
        (await BunitHarness.SignedInAsync(app, "admin@eps.test")).WithAppServices(app, typeof(CatalogueAdministration), typeof(CatalogueTransfer));

    private static (IRenderedComponent<DrugsPage> Page, IRenderedComponent<MudDialogProvider> Dialogs) Render(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<DrugsPage>();
        cut.WaitForAssertion(() => Assert.Contains("Amoxicillin", cut.Find("[data-testid=drugs]").TextContent, StringComparison.Ordinal), Wait);
        return (cut, dialogs);
    }

    private async Task<bool> ExistsAsync(string name)
    {
        await using var db = await app.NewDbAsync();
        return await db.Drugs.AnyAsync(d => d.GenericName == name);
    }

    private async Task<DateTime?> RetiredAtAsync(string name)
    {
        await using var db = await app.NewDbAsync();
        return await db.Drugs.Where(d => d.GenericName == name).Select(d => d.RetiredAt).SingleAsync();
    }
}
