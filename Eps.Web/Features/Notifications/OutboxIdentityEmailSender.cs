using System.Net;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Eps.Web.Features.Notifications;

/// <summary>
/// Account emails (confirmation, password reset) go through the same outbox as every other email. The Identity pages
/// pass links already HTML-encoded; the plain-text part decodes them.
/// </summary>
internal sealed class OutboxIdentityEmailSender(IDbContextFactory<EpsDbContext> dbFactory, Notifier notifier) : IEmailSender<EpsUser>
{
    public Task SendConfirmationLinkAsync(EpsUser user, string email, string confirmationLink) =>
        QueueAsync(email, "account.confirm", "Confirm your Eps account",
            $"Confirm your account by opening this link: {WebUtility.HtmlDecode(confirmationLink)}",
            $"<p>Confirm your account by <a href=\"{confirmationLink}\">opening this link</a>.</p>");

    public Task SendPasswordResetLinkAsync(EpsUser user, string email, string resetLink) =>
        QueueAsync(email, "account.reset-link", "Reset your Eps password",
            $"Reset your password by opening this link: {WebUtility.HtmlDecode(resetLink)}",
            $"<p>Reset your password by <a href=\"{resetLink}\">opening this link</a>.</p>");

    public Task SendPasswordResetCodeAsync(EpsUser user, string email, string resetCode) =>
        QueueAsync(email, "account.reset-code", "Your Eps password reset code",
            $"Your password reset code: {resetCode}", $"<p>Your password reset code: <b>{WebUtility.HtmlEncode(resetCode)}</b></p>");

    private async Task QueueAsync(string email, string kind, string subject, string text, string html)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        notifier.Add(db, kind, email, new EmailContent(subject, text, html));
        await db.SaveChangesAsync();
    }
}
