using System.Text;
using System.Text.Encodings.Web;
using Eps.Core.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Eps.Web.Components.Account;

/// <summary>The links the account pages email (confirm an address, reset a password), built against this app's address.</summary>
internal sealed class AccountEmails(UserManager<EpsUser> users, IEmailSender<EpsUser> sender, NavigationManager navigation)
{
    public async Task SendConfirmationAsync(EpsUser user, string email, string? returnUrl = null)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("Account/ConfirmEmail", new() { ["userId"] = user.Id, ["code"] = code, ["returnUrl"] = returnUrl });
        await sender.SendConfirmationLinkAsync(user, email, HtmlEncoder.Default.Encode(link));
    }

    public async Task SendEmailChangeAsync(EpsUser user, string newEmail)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = Link("Account/ConfirmEmailChange", new() { ["userId"] = user.Id, ["email"] = newEmail, ["code"] = code });
        await sender.SendConfirmationLinkAsync(user, newEmail, HtmlEncoder.Default.Encode(link));
    }

    public async Task SendPasswordResetAsync(EpsUser user, string email)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link("Account/ResetPassword", new() { ["code"] = code });
        await sender.SendPasswordResetLinkAsync(user, email, HtmlEncoder.Default.Encode(link));
    }

    /// <summary>Sends what <see cref="AccountRecovery"/> decided; nothing for <see cref="RecoveryEmail.None"/>.</summary>
    public Task SendAsync(RecoveryEmail what, EpsUser? user, string email) => (what, user) switch
    {
        (RecoveryEmail.PasswordReset, { } u) => SendPasswordResetAsync(u, email),
        (RecoveryEmail.EmailConfirmation, { } u) => SendConfirmationAsync(u, email),
        _ => Task.CompletedTask,
    };

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string Link(string page, Dictionary<string, object?> query) =>
        navigation.GetUriWithQueryParameters(navigation.ToAbsoluteUri(page).AbsoluteUri, query);
}
