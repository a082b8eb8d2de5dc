using System.Security.Claims;
using Bunit;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Dispensing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task An_hpn_answered_before_the_dialog_knows_the_pharmacist_is_verified_once_it_does()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await using var ctx = await BunitHarness.SignedInAsync(app, "pharmacist.lagos@eps.test");
        ctx.WithAppServices(app, typeof(VerificationService), typeof(DispenseService), typeof(PharmacyDirectory));
        // Who is signed in is not known yet (a slow first read of the circuit's authentication state).
        var pharmacist = await BunitHarness.ActorAsync(app, "pharmacist.lagos@eps.test");
        var slow = new SlowAuthentication();
        ctx.Services.AddSingleton<AuthenticationStateProvider>(slow);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudPopoverProvider>();
        var service = ctx.Services.GetService<IDialogService>();
        _ = dialogs.InvokeAsync(() => VerifyDialog.ShowAsync(service!, new ScannedCode(ScannedKind.PrescriptionId, rx.RxNumber)));

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("input[data-testid=hpn-field], [data-testid=hpn-field] input")), Wait);
        dialogs.Find("input[data-testid=hpn-field], [data-testid=hpn-field] input").Input("123 456 7890");
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Continue").Click());

        slow.Complete(pharmacist.UserId);
        dialogs.WaitForAssertion(() => Assert.Contains("verified", dialogs.Find("[data-testid=verify-outcome]").TextContent, StringComparison.OrdinalIgnoreCase), Wait);
    }

    /// <summary>An authentication state that arrives when the test says so.</summary>
    private sealed class SlowAuthentication : AuthenticationStateProvider
    {
        private readonly TaskCompletionSource<AuthenticationState> _state = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state.Task;

        public void Complete(string userId) => _state.SetResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
