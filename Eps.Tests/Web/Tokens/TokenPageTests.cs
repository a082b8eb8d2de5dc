using Bunit;
using Eps.Core.Prescribing;
using Eps.Core.Tokens;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Tokens;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Web.Tokens;

public sealed class TokenPageTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Owner = "patient@eps.test";

    [Fact]
    public async Task The_owner_sees_the_signed_QR_the_barcode_and_every_field()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await using var ctx = await BunitHarness.SignedInAsync(app, Owner);

        var cut = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=token-qr] svg")));
        var qr = TokenQr.Render(rx.Token);
        Assert.InRange(qr.Version, 1, 12); // the webcam limit at ECC M
        cut.Find("[data-testid=token-qr] svg").MarkupMatches(qr.Svg);
        Assert.Equal("img", cut.Find("[data-testid=token-qr]").GetAttribute("role"));
        Assert.Equal("QR code of the signed prescription token", cut.Find("[data-testid=token-qr]").GetAttribute("aria-label"));

        cut.Find("[data-testid=token-barcode] svg").MarkupMatches(PrescriptionBarcode.Code128Svg(rx.RxNumber));
        Assert.Equal("img", cut.Find("[data-testid=token-barcode]").GetAttribute("role"));
        Assert.Equal($"Barcode of prescription ID {rx.RxNumber}", cut.Find("[data-testid=token-barcode]").GetAttribute("aria-label"));

        Assert.Equal("Electronic prescription token", cut.Find("h1").TextContent.Trim());
        Assert.Equal(rx.RxNumber, cut.Find("[data-testid=token-id]").TextContent);
        Assert.Equal("Adaeze Okafor", cut.Find("[data-testid=patient-name]").TextContent);
        Assert.Equal("123 456 7890", cut.Find("[data-testid=patient-hpn]").TextContent);
        var text = cut.Find("article").TextContent;
        Assert.Contains(rx.MedicationDisplay, text, StringComparison.Ordinal);
        Assert.Contains("Take one three times a day", text, StringComparison.Ordinal);
        Assert.Contains("Three times daily", text, StringComparison.Ordinal);
        Assert.Contains("Dr Chinedu Eze", text, StringComparison.Ordinal);
        Assert.Contains("REQ-", text, StringComparison.Ordinal);
        Assert.Contains("Valid for 30 days", cut.Find("[data-testid=token-validity]").TextContent, StringComparison.Ordinal);
        Assert.Contains("days left to collect", cut.Find("[data-testid=token-validity]").TextContent, StringComparison.Ordinal);

        var pharmacy = cut.Find("[data-testid=token-pharmacy]").TextContent;
        Assert.Contains("PHB-PH-100101", pharmacy, StringComparison.Ordinal);
        Assert.Contains("+234 801 234 5601", pharmacy, StringComparison.Ordinal);
        Assert.Contains("marina@pharmacy.eps.test", pharmacy, StringComparison.Ordinal);
        Assert.Contains("cannot be reissued", cut.Find("[data-testid=token-notice]").TextContent, StringComparison.Ordinal);

        Assert.Empty(cut.FindAll("[data-testid=token-state-alert]"));
        Assert.Empty(cut.FindAll("[data-testid=chip-controlled]"));
        Assert.Empty(cut.FindAll("[data-testid=chip-high-risk]"));
    }

    [Fact]
    public async Task A_prescription_marked_ready_says_where_to_collect_it_and_still_shows_its_codes()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var pharmacist = await BunitHarness.ActorAsync(app, "pharmacist.lagos@eps.test");
        var marked = await app.Services.GetRequiredService<Eps.Core.Dispensing.ReadyForCollection>()
            .MarkReadyAsync(pharmacist, rx.RxNumber, CancellationToken.None);
        Assert.True(marked.Succeeded, marked.Message);
        await using var ctx = await BunitHarness.SignedInAsync(app, Owner);

        var cut = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=token-qr] svg")));
        Assert.Contains("Ready to collect at Marina Community Pharmacy", cut.Find("[data-testid=token-ready]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Ready to collect", cut.Find("[data-testid=token-state]").TextContent.Trim());
    }

    [Fact]
    public async Task Print_token_opens_the_browser_print_dialog_and_is_not_printed_itself()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await using var ctx = await BunitHarness.SignedInAsync(app, Owner);
        var cut = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=print-token]")));

        Assert.Contains("no-print", cut.Find("[data-testid=print-token]").ClassList);
        cut.Find("[data-testid=print-token]").Click();

        cut.WaitForAssertion(() => ctx.JSInterop.VerifyInvoke("print"));
    }

    [Fact]
    public async Task A_controlled_medicine_says_ID_is_required()
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Morphine sulfate", quantity: 14);
        await using var ctx = await BunitHarness.SignedInAsync(app, Owner);

        var cut = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));

        cut.WaitForAssertion(() => Assert.Contains("Controlled medicine — ID required", cut.Find("[data-testid=chip-controlled]").TextContent, StringComparison.Ordinal));
        Assert.Contains("High-risk medicine", cut.Find("[data-testid=chip-high-risk]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=token-qr] svg"));
    }

    [Theory]
    [InlineData("patient2@eps.test")]
    [InlineData("pharmacist.abuja@eps.test")]
    public async Task Someone_else_gets_the_same_not_found_as_for_a_missing_prescription(string email)
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await using var ctx = await BunitHarness.SignedInAsync(app, email);

        var theirs = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));
        var missing = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, "PHB-RX-00000000"));

        theirs.WaitForAssertion(() => Assert.NotNull(theirs.Find("[data-testid=token-not-found]")));
        missing.WaitForAssertion(() => Assert.NotNull(missing.Find("[data-testid=token-not-found]")));
        Assert.Contains("Prescription not found", theirs.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Empty(theirs.FindAll("svg"));
        Assert.DoesNotContain("Adaeze Okafor", theirs.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(rx.Token, theirs.Markup, StringComparison.Ordinal);
        Assert.Equal(
            missing.Find("[data-testid=token-not-found]").TextContent.Replace("PHB-RX-00000000", "ID", StringComparison.Ordinal),
            theirs.Find("[data-testid=token-not-found]").TextContent.Replace(rx.RxNumber, "ID", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PrescriptionState.Dispensed, "Already collected")]
    [InlineData(PrescriptionState.Cancelled, "Cancelled")] // with the prescriber's reason
    [InlineData(PrescriptionState.Expired, "Expired")]
    public async Task A_token_that_can_no_longer_be_used_shows_its_state_and_no_codes(PrescriptionState state, string title)
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await MoveToAsync(rx, state);
        await using var ctx = await BunitHarness.SignedInAsync(app, Owner);

        var cut = ctx.Render<TokenPage>(p => p.Add(x => x.RxNumber, rx.RxNumber));

        cut.WaitForAssertion(() => Assert.StartsWith(title, cut.Find("[data-testid=token-state-alert] .token-state-title").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=token-qr]"));
        Assert.Empty(cut.FindAll("[data-testid=token-barcode]"));
        Assert.Empty(cut.FindAll("[data-testid=print-token]")); // nothing left to print
        Assert.Equal(state == PrescriptionState.Dispensed, cut.Find("[data-testid=token-state-alert]").ClassList.Contains("mud-alert-outlined-success"));
        Assert.Empty(cut.FindAll("[role=img][aria-label]")); // MudBlazor's icons are role=img too, but aria-hidden
        Assert.DoesNotContain("days left", cut.Find("[data-testid=token-validity]").TextContent, StringComparison.Ordinal);

        if (state == PrescriptionState.Cancelled)
        {
            Assert.Contains("Reason: \u201cDose changed\u201d.", cut.Find("[data-testid=token-state-alert]").TextContent, StringComparison.Ordinal);
        }

        // The details stay readable.
        Assert.Equal(rx.RxNumber, cut.Find("[data-testid=token-id]").TextContent);
        Assert.Equal("123 456 7890", cut.Find("[data-testid=patient-hpn]").TextContent);
        Assert.Contains(rx.MedicationDisplay, cut.Find("article").TextContent, StringComparison.Ordinal);
    }

    private async Task MoveToAsync(Prescription rx, PrescriptionState state)
    {
        await using var db = await app.NewDbAsync();
        var row = db.Prescriptions.Where(p => p.Id == rx.Id);
        var now = DateTime.UtcNow;
        var changed = state switch
        {
            PrescriptionState.Dispensed => await row.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PrescriptionState.Dispensed)
                .SetProperty(p => p.DispensedAt, now)
                .SetProperty(p => p.DispensedByPharmacyId, rx.PharmacyId)),
            PrescriptionState.Cancelled => await row.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PrescriptionState.Cancelled)
                .SetProperty(p => p.CancelledAt, now)
                .SetProperty(p => p.CancellationReason, "Dose changed")),
            PrescriptionState.Expired => await row.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.IssuedAt, now.AddDays(-31))
                .SetProperty(p => p.ExpiresAt, now.AddDays(-1))),
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        Assert.Equal(1, changed);
    }
}
