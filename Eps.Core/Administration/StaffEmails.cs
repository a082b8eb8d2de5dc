using System.Net;
using Eps.Core.Notifications;

namespace Eps.Core.Administration;

/// <summary>The invitation a new staff member receives, with the link at which they set their password.</summary>
internal static class StaffEmails
{
    public const string InvitationKind = "staff.invitation";

    public static EmailContent Invitation(string fullName, string role, string link)
    {
        var article = role == Accounts.Roles.Admin ? "an" : "a";
        var text = $"Dear {fullName},{Environment.NewLine}{Environment.NewLine}You have been given an Eps account as {article} {role.ToLowerInvariant()}." +
            $"{Environment.NewLine}Set your password by opening this link (it works once, for 24 hours):{Environment.NewLine}{link}" +
            $"{Environment.NewLine}{Environment.NewLine}If the link has expired, ask your administrator to send a new invitation.";
        var html = "<!DOCTYPE html><html><body style=\"font-family:system-ui,Segoe UI,Roboto,Arial,sans-serif;color:#222;max-width:600px\">" +
            $"<h2 style=\"color:#004d40\">Your Eps account</h2><p>Dear {E(fullName)},</p>" +
            $"<p>You have been given an Eps account as {article} {E(role.ToLowerInvariant())}.</p>" +
            $"<p><a href=\"{E(link)}\" style=\"background:#00695c;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none\">Set your password</a></p>" +
            "<p>The link works once, for 24 hours. If it has expired, ask your administrator to send a new invitation.</p>" +
            "<hr><p style=\"color:#666;font-size:12px\">Eps electronic prescriptions. This message was sent automatically; do not reply.</p></body></html>";
        return new EmailContent("Your Eps account: set your password", text, html);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
