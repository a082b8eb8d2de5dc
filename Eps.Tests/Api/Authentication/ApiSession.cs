using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Core.Data.Seed;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Authentication;

/// <summary>A non-browser client: no cookie jar, signed in with a bearer token from POST /api/auth/token.</summary>
public static class ApiSession
{
    public const string TokenUrl = "/api/auth/token";
    public const string RefreshUrl = "/api/auth/refresh";

    /// <summary>A client that keeps no cookies, talking to the real socket.</summary>
    public static HttpClient Cookieless(EpsApp app)
    {
        app.Start();
        return new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
    }

    public static Task<HttpResponseMessage> RequestTokensAsync(EpsApp app, string email, string password = DemoData.Password, string? code = null) =>
        Cookieless(app).PostAsJsonAsync(TokenUrl, new { email, password, two_factor_code = code });

    /// <summary>The token response for <paramref name="email"/>; fails the test when sign-in is refused.</summary>
    public static async Task<JsonElement> TokensAsync(EpsApp app, string email, string? code = null)
    {
        using var response = await RequestTokensAsync(app, email, code: code);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token for {email}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>A cookieless client sending <paramref name="email"/>'s access token on every request.</summary>
    public static async Task<HttpClient> AsAsync(EpsApp app, string email, string? code = null) =>
        WithToken(app, (await TokensAsync(app, email, code)).GetProperty("access_token").GetString()!);

    public static HttpClient WithToken(EpsApp app, string accessToken)
    {
        var client = Cookieless(app);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A cookieless client presenting a pharmacy system's API key.</summary>
    public static HttpClient WithApiKey(EpsApp app, string key)
    {
        var client = Cookieless(app);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Reads a JSON answer, failing with its body when the status is not <paramref name="expected"/>.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }
}
