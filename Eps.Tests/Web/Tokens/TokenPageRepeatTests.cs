using Bunit;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Web.Tokens;

/// <summary>The token page says where a prescription sits among its repeats, and never shows a repeat before it exists.</summary>
public sealed class TokenPageRepeatTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Owner = "patient@eps.test";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_original_with_repeats_says_they_come_one_collection_at_a_time_and_links_no_repeat()
    {
        var rx = await Scenario.IssueAsync(app.Services, repeats: 2);
        await using var ctx = await BunitHarness.SignedInAsync(app, Owner);

        var cut = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=token-qr] svg")), Wait);
        Assert.Equal("Original, 2 repeats authorised", cut.Find("[data-testid=token-repeats]").TextContent);
        Assert.Equal("2 repeats authorised: each is issued when the previous one is collected.", cut.Find("[data-testid=token-repeat-next]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=chip-repeat]"));
        Assert.Empty(cut.FindAll("[data-testid=token-next-repeat]"));
        Assert.DoesNotContain("available", cut.Find("article").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_collection_the_old_token_names_repeat_1_and_the_repeat_shows_its_own_codes_as_repeat_1_of_2()
    {
        var rx = await Scenario.IssueAsync(app.Services, repeats: 2);
        await Scenario.DispenseAsync(await Login.AsAsync(app, "pharmacist.lagos@eps.test"), rx, Scenario.Lagos, "Funmilayo Adeyemi");
        string repeat;
        await using (var db = await app.NewDbAsync())
        {
            repeat = await db.Prescriptions.Where(p => p.PreviousPrescriptionId == rx.Id).Select(p => p.RxNumber).SingleAsync();
        }

        await using var ctx = await BunitHarness.SignedInAsync(app, Owner);
        var old = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));
        old.WaitForAssertion(() => Assert.NotNull(old.Find("[data-testid=token-next-repeat]")), Wait);
        Assert.Contains($"Repeat 1 of 2 was issued when this one was collected, as {repeat}", old.Find("[data-testid=token-next-repeat]").TextContent,
            StringComparison.Ordinal);
        Assert.Equal($"/prescriptions/{repeat}/token", old.Find("[data-testid=token-next-repeat] a").GetAttribute("href"));
        Assert.Empty(old.FindAll("[data-testid=token-qr]"));

        var cut = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, repeat));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=token-qr] svg")), Wait);
        Assert.Equal(repeat, cut.Find("[data-testid=token-id]").TextContent);
        Assert.Contains("Repeat 1 of 2", cut.Find("[data-testid=chip-repeat]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Repeat 1 of 2", cut.Find("[data-testid=token-repeats]").TextContent);
        Assert.Equal("Repeat 2 of 2 is issued when this one is collected.", cut.Find("[data-testid=token-repeat-next]").TextContent);
        Assert.Contains(rx.RxNumber, cut.Find("article").TextContent, StringComparison.Ordinal); // "Follows"
        Assert.Equal("Pending collection", cut.Find("[data-testid=token-state]").TextContent.Trim());
    }

    [Fact]
    public async Task The_request_reference_and_the_prescription_ID_each_take_a_row_at_phone_width()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await using var ctx = await BunitHarness.SignedInAsync(app, Owner);

        var cut = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));

        // The stylesheet stacks these cells below 600 px (see TokenSheet.razor.css); the browser journey measures it.
        cut.WaitForAssertion(() => Assert.Equal(rx.RxNumber, cut.Find("[data-testid=token-field-id]").TextContent), Wait);
        Assert.Contains("token-field-id", cut.Find("[data-testid=token-field-id]").ParentElement!.ClassList);
        Assert.Contains("token-field-id", cut.Find("[data-testid=token-request-reference]").ParentElement!.ClassList);
    }
}
