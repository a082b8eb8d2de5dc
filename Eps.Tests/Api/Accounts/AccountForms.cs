using System.Net;
using System.Text.RegularExpressions;
using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Accounts;

/// <summary>Posts the account pages' forms as a browser would (the page first, for its antiforgery token) and reads the emails they queue.</summary>
internal static partial class AccountForms
{
    public const string Password = "Registr8tion!";

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = Login.AntiforgeryTokenIn(html) ?? throw new InvalidOperationException($"{page} rendered no antiforgery token.");
        return await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = handler,
        }));
    }

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string phone = "+234 803 555 0100", string name = "Chiamaka Obi") =>
        PostAsync(client, "/Account/Register", "register", new()
        {
            ["Input.FullName"] = name,
            ["Input.Phone"] = phone,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

    public static string NewEmail() => $"patient.{Guid.NewGuid():N}@example.com";

    /// <summary>The emails queued for <paramref name="to"/>, oldest first.</summary>
    public static async Task<List<OutboxMessage>> MailToAsync(EpsApp app, string to)
    {
        await using var db = await app.NewDbAsync();
        return await db.Outbox.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The app-relative link in an account email (its plain-text part).</summary>
    public static string LinkIn(OutboxMessage message) =>
        new Uri(Link().Match(message.TextBody) is { Success: true } m ? m.Value : throw new InvalidOperationException("No link in: " + message.TextBody)).PathAndQuery;

    public static void Redirected(HttpResponseMessage response, string to)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(to, response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
