using Bunit;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Dispensing;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Tests.Web.Dispensing;

/// <summary>The counter's verify dialog for a typed prescription ID: the HPN step, its retry, and plain words.</summary>
public sealed class VerifyDialogTests(EpsApp app) : IClassFixture<EpsApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_wrong_hpn_says_which_check_failed_in_words_and_can_be_retried_in_place()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await using var ctx = await BunitHarness.SignedInAsync(app, "pharmacist.lagos@eps.test");
        ctx.WithAppServices(app, typeof(VerificationService), typeof(DispenseService), typeof(PharmacyDirectory));
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudPopoverProvider>();
        var service = ctx.Services.GetService<IDialogService>();
        _ = dialogs.InvokeAsync(() => VerifyDialog.ShowAsync(service!, new ScannedCode(ScannedKind.PrescriptionId, rx.RxNumber)));

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("input[data-testid=hpn-field], [data-testid=hpn-field] input")), Wait);
        dialogs.Find("input[data-testid=hpn-field], [data-testid=hpn-field] input").Input("999 999 9999");
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Continue").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("Failed check: Patient's HPN", dialogs.Find("[data-testid=verify-outcome]").TextContent, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("patient_identity", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=retry-hpn]").Click());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("input[data-testid=hpn-field], [data-testid=hpn-field] input")), Wait);
        dialogs.Find("input[data-testid=hpn-field], [data-testid=hpn-field] input").Input("123 456 7890");
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Continue").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("verified", dialogs.Find("[data-testid=verify-outcome]").TextContent, StringComparison.OrdinalIgnoreCase), Wait);
    }
}
