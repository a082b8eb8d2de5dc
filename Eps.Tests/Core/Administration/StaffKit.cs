using System.Text.Json;
using System.Text.RegularExpressions;
using Eps.Core.Accounts;
using Eps.Core.Administration;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Core.Administration;

/// <summary>Reading back what staff administration wrote: accounts through Identity, audit entries, invitation links.</summary>
internal static partial class StaffKit
{
    public static async Task<T> WithUsersAsync<T>(CoreHarness core, Func<UserManager<EpsUser>, Task<T>> read)
    {
        await using var scope = core.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>());
    }

    public static Task<EpsUser> UserAsync(CoreHarness core, string email) =>
        WithUsersAsync(core, async users => await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}."));

    public static Task<IList<string>> RolesAsync(CoreHarness core, string email) =>
        WithUsersAsync(core, async users => await users.GetRolesAsync((await users.FindByEmailAsync(email))!));

    /// <summary>The details of the audit entries of <paramref name="kind"/> about the user, oldest first.</summary>
    public static async Task<List<JsonElement>> AuditAsync(CoreHarness core, string kind, string userId)
    {
        await using var db = await core.DbAsync();
        var details = await db.AuditEntries.AsNoTracking().Where(e => e.Kind == kind && e.Subject == userId)
            .OrderBy(e => e.Sequence).Select(e => e.Details).ToListAsync();
        return [.. details.Select(d => JsonDocument.Parse(d).RootElement.Clone())];
    }

    public static async Task<long> AuditCountAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        return await db.AuditEntries.LongCountAsync();
    }

    public static string[] Strings(JsonElement state, string property) =>
        [.. state.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The invitation emails queued for <paramref name="email"/>.</summary>
    public static async Task<List<string>> InvitationsAsync(CoreHarness core, string email)
    {
        await using var db = await core.DbAsync();
        return await db.Outbox.Where(m => m.To == email && m.Kind == "staff.invitation").Select(m => m.TextBody).ToListAsync();
    }

    /// <summary>The set-password link in an email or a command's output.</summary>
    public static string LinkIn(string text) => Link().Match(text) is { Success: true } m ? m.Value : throw new InvalidOperationException("No link in: " + text);

    /// <summary>Uses a set-password link as the Identity page does: decodes its code and resets the password with it.</summary>
    public static Task<IdentityResult> SetPasswordAsync(CoreHarness core, string email, string link, string password) =>
        WithUsersAsync(core, async users =>
        {
            var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query)["code"].ToString();
            var token = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            return await users.ResetPasswordAsync((await users.FindByEmailAsync(email))!, token, password);
        });

    public static StaffAdministration Staff(CoreHarness core) => core.Get<StaffAdministration>();

    public static StaffInvitations Invitations(CoreHarness core) => core.Get<StaffInvitations>();

    [GeneratedRegex(@"https?://[^\s""<>]+/Account/ResetPassword\?code=[A-Za-z0-9_\-]+")]
    private static partial Regex Link();
}
