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

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
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

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
