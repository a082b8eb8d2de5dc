using Bunit;
using Eps.Core.Prescribing;
using Eps.Core.Tokens;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Web.Tokens;

/// <summary>All tokens of a request on one page, one token sheet (the token page's own) per A4 page in print.</summary>
public sealed class RequestTokensPageTests(EpsApp app) : IClassFixture<EpsApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_usable_token_of_the_request_is_rendered_as_the_token_page_renders_it_each_on_its_own_sheet()
    {
        var (reference, ids) = await ApproveTwoAsync();
        await using var ctx = await BunitHarness.SignedInAsync(app, "patient@eps.test");

        var cut = ctx.Render<RequestTokensPage>(p => p.Add(x => x.Reference, reference));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=token-sheet-page]").Count), Wait);
        var sheets = cut.FindAll("[data-testid=token-sheet-page]");
        Assert.Equal(ids, sheets.Select(s => s.QuerySelector("[data-testid=token-field-id]")!.TextContent.Trim()));
        foreach (var (sheet, id) in sheets.Zip(ids))
        {
            var token = await TokenAsync(id);
            sheet.QuerySelector("[data-testid=token-qr] svg")!.MarkupMatches(TokenQr.Render(token).Svg);
            Assert.NotNull(sheet.QuerySelector("article.token-sheet [data-testid=token-barcode] svg"));
            Assert.Equal(reference, sheet.QuerySelector("[data-testid=token-request-reference]")!.TextContent.Trim());
        }

        Assert.Equal("Print all 2 tokens", cut.Find("[data-testid=print-all-tokens]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[id^=token-title-]").Select(e => e.Id).Distinct().Count()); // ids stay unique on one page
    }

    [Fact]
    public async Task Print_asks_the_browser_once_for_all_of_them_and_a_collected_token_is_named_but_not_printed()
    {
        var (reference, ids) = await ApproveTwoAsync();
        await using (var db = await app.NewDbAsync())
        {
            await db.Prescriptions.Where(p => p.RxNumber == ids[1])
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PrescriptionState.Dispensed).SetProperty(p => p.DispensedAt, DateTime.UtcNow));
        }

        await using var ctx = await BunitHarness.SignedInAsync(app, "patient@eps.test");
        var print = ctx.JSInterop.SetupVoid("print");
        var cut = ctx.Render<RequestTokensPage>(p => p.Add(x => x.Reference, reference));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=token-sheet-page]")), Wait);

        Assert.Contains($"Not printed: {ids[1]} (collected)", cut.Find("[data-testid=tokens-summary]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=print-all-tokens]").Click();
        Assert.Single(print.Invocations);
    }

    [Theory]
    [InlineData("patient2@eps.test")]
    [InlineData("pharmacist.abuja@eps.test")]
    public async Task Another_patient_or_pharmacy_finds_no_tokens(string stranger)
    {
        var (reference, _) = await ApproveTwoAsync();
        await using var ctx = await BunitHarness.SignedInAsync(app, stranger);

        var cut = ctx.Render<RequestTokensPage>(p => p.Add(x => x.Reference, reference));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=tokens-not-found]")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=token-qr]"));
    }

    [Fact]
    public void In_print_each_sheet_after_the_first_starts_a_new_page()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
        var css = File.ReadAllText(Path.Combine(root, "Eps.Web", "Features", "Tokens", "RequestTokensPage.razor.css"));
        var print = css[css.IndexOf("@media print", StringComparison.Ordinal)..];

        Assert.Matches(@"\.token-sheet-page \+ \.token-sheet-page \{[^}]*break-before: page;", print);
        Assert.Matches(@"\.token-sheet-page \{[^}]*break-inside: avoid;", print);
    }

    /// <summary>A request for two medicines, approved through the core: its reference and prescription IDs in issue order.</summary>
    private async Task<(string Reference, List<string> Ids)> ApproveTwoAsync()
    {
        var patient = await BunitHarness.ActorAsync(app, "patient@eps.test");
        var doctor = await BunitHarness.ActorAsync(app, "doctor@eps.test");
        await using var db = await app.NewDbAsync();
        var lagos = await db.Pharmacies.Where(p => p.Code == Scenario.Lagos).Select(p => p.Id).SingleAsync();
        var amoxicillin = await db.Drugs.Where(d => d.GenericName == "Amoxicillin").Select(d => d.Id).SingleAsync();
        var warfarin = await db.Drugs.Where(d => d.GenericName == "Warfarin").Select(d => d.Id).SingleAsync();
        var (sent, reference) = await app.Services.GetRequiredService<PatientRequests>().SubmitAsync(patient,
            new NewRequest(lagos, "Usual", [new RequestedItem(amoxicillin, "500 mg", 21, null), new RequestedItem(warfarin, "1 mg", 28, null)]), default);
        Assert.True(sent.Succeeded, sent.Message);
        var items = await db.PrescriptionRequestItems.Where(i => i.Request.Reference == reference).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
        var approval = await app.Services.GetRequiredService<Reviews>().ApproveAsync(doctor, await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync(),
            [.. items.Select(i => new ItemDecision(i, true, "As directed", "Daily", 14, 0))], null, default);
        Assert.True(approval.Succeeded, approval.Message);
        var ids = await db.Prescriptions.Where(p => p.Request.Reference == reference).OrderBy(p => p.IssuedAt).ThenBy(p => p.Id).Select(p => p.RxNumber).ToListAsync();
        return (reference!, ids);
    }

    private async Task<string> TokenAsync(string rxNumber)
    {
        await using var db = await app.NewDbAsync();
        return await db.Prescriptions.Where(p => p.RxNumber == rxNumber).Select(p => p.Token).SingleAsync();
    }
}
