using Bunit;
using Eps.Core.Accounts;
using Eps.Core.Administration;
using Eps.Core.Pharmacies;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Administration;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Eps.Tests.Web.Administration;

public sealed class StaffPagesTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Admin = "admin@eps.test";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_staff_list_shows_every_account_and_narrows_to_the_search()
    {
        await using var ctx = await ContextAsync();
        ctx.Render<MudPopoverProvider>();

        var cut = ctx.Render<StaffPage>();

        cut.WaitForAssertion(() => Assert.Contains("pharmacist.lagos@eps.test", Table(cut), StringComparison.Ordinal), Wait);
        Assert.Contains("doctor@eps.test", Table(cut), StringComparison.Ordinal);
        Assert.Contains("Marina Community Pharmacy", Table(cut), StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.Find("input[data-testid=staff-search], [data-testid=staff-search] input").Input("abuja"));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("pharmacist.abuja@eps.test", Table(cut), StringComparison.Ordinal);
            Assert.DoesNotContain("pharmacist.lagos@eps.test", Table(cut), StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task An_empty_invitation_shows_what_is_missing_beside_each_field()
    {
        await using var ctx = await ContextAsync();
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<StaffPage>();

        await cut.InvokeAsync(() => cut.Find("[data-testid=invite-staff]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=invite-send]")), Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=invite-send]").Click());

        dialogs.WaitForAssertion(() =>
        {
            var errors = dialogs.FindAll(".mud-dialog .mud-input-error").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains("Enter a valid email address.", errors);
            Assert.Contains("Choose the pharmacy this pharmacist works at.", errors);
        }, Wait);
        Assert.Single(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task An_admin_is_told_they_cannot_remove_their_own_admin_role()
    {
        var admin = await BunitHarness.ActorAsync(app, Admin);
        await using var ctx = await ContextAsync();
        var (cut, dialogs) = RenderMember(ctx, admin.UserId);

        await cut.InvokeAsync(() => cut.Find("[aria-label='Remove the Admin role']").Click());
        await ConfirmAsync(dialogs, "Remove");

        cut.WaitForAssertion(() => Assert.Contains("You cannot remove your own Admin role",
            cut.Find("[data-testid=role-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.True((await BunitHarness.ActorAsync(app, Admin)).IsAdmin);
    }

    [Fact]
    public async Task Locking_an_account_asks_first_then_shows_it_locked()
    {
        var userId = await InviteAsync("lock.me@eps.test");
        await using var ctx = await ContextAsync();
        var (cut, dialogs) = RenderMember(ctx, userId);

        await cut.InvokeAsync(() => cut.Find("[data-testid=lock]").Click());
        await ConfirmAsync(dialogs, "Lock");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=member-locked]")), Wait);
        Assert.NotNull(cut.Find("[data-testid=unlock]"));
    }

    [Fact]
    public async Task An_unknown_account_shows_not_found()
    {
        await using var ctx = await ContextAsync();

        var (cut, _) = RenderMember(ctx, "no-such-user", ready: "Account not found");

        Assert.Empty(cut.FindAll("[data-testid=member-roles]"));
    }

    private async Task<BunitContext> ContextAsync() =>
        (await BunitHarness.SignedInAsync(app, Admin))
            .WithAppServices(app, typeof(StaffDirectory), typeof(StaffAdministration), typeof(StaffInvitations), typeof(PharmacyDirectory));

    private static (IRenderedComponent<StaffMemberPage> Page, IRenderedComponent<MudDialogProvider> Dialogs) RenderMember(
        BunitContext ctx, string userId, string ready = "Roles")
    {
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<StaffMemberPage>(p => p.Add(x => x.Id, userId));
        cut.WaitForAssertion(() => Assert.Contains(ready, cut.Markup, StringComparison.Ordinal), Wait);
        return (cut, dialogs);
    }

    private static async Task ConfirmAsync(IRenderedComponent<MudDialogProvider> dialogs, string yes)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll(".mud-dialog button"), b => b.TextContent.Trim() == yes), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == yes).Click());
    }

    private static string Table(IRenderedComponent<StaffPage> cut) => cut.Find("[data-testid=staff-table]").TextContent;

    private async Task<string> InviteAsync(string email)
    {
        var admin = await BunitHarness.ActorAsync(app, Admin);
        var result = await app.Services.GetRequiredService<StaffInvitations>()
            .InviteAsync(admin, new Invitation(email, "Temporary Staff", Roles.Admin), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        await using var db = await app.NewDbAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
