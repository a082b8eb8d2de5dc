using System.Net;
using System.Text.RegularExpressions;
using Eps.Core.Data.Seed;

namespace Eps.Tests.Infrastructure;

/// <summary>Signs a client in through the real Identity login form (antiforgery token included).</summary>
public static partial class Login
{
    public static async Task<HttpClient> AsAsync(EpsApp app, string email, string password = DemoData.Password)
    {
        var client = app.NewClient();
        var response = await SignInAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {email} failed with {(int)response.StatusCode}");
        return client;
    }

    /// <summary>A client signed in as <paramref name="email"/>, or an anonymous one for null.</summary>
    public static async Task<HttpClient> AsOrAnonymousAsync(EpsApp app, string? email) =>
        email is null ? app.NewClient() : await AsAsync(app, email);

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryTokenIn(page) ?? throw new InvalidOperationException("The sign-in page rendered no antiforgery token.");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        });
        return await client.PostAsync("/Account/Login", form);
    }

    /// <summary>The antiforgery request token a page rendered in its forms, or null.</summary>
    public static string? AntiforgeryTokenIn(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
