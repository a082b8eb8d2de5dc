using System.Net;
using System.Net.Http.Json;
using Eps.Core.Accounts;
using Eps.Core.Data.Seed;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Api.Authentication;

[Collection(ApiCollection.Name)]
public sealed class BearerTokenTests(EpsApp app)
{
    [Fact]
    public async Task A_token_signs_a_cookieless_client_in_and_a_refresh_gives_a_working_new_one()
    {
        var tokens = await ApiSession.TokensAsync(app, "patient@eps.test");
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(900, tokens.GetProperty("expires_in").GetInt64());

        using var client = ApiSession.WithToken(app, tokens.GetProperty("access_token").GetString()!);
        await (await client.GetAsync("/api/medications/")).ExpectAsync(HttpStatusCode.OK);

        var refreshed = await (await ApiSession.Cookieless(app).PostAsJsonAsync(ApiSession.RefreshUrl,
            new { refresh_token = tokens.GetProperty("refresh_token").GetString() })).ExpectAsync(HttpStatusCode.OK);
        using var renewed = ApiSession.WithToken(app, refreshed.GetProperty("access_token").GetString()!);
        await (await renewed.GetAsync("/api/medications/")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forged_or_swapped_tokens_are_refused()
    {
        var tokens = await ApiSession.TokensAsync(app, "patient@eps.test");

        using var forged = ApiSession.WithToken(app, "CfDJ8" + new string('A', 200));
        using var refreshAsAccess = ApiSession.WithToken(app, tokens.GetProperty("refresh_token").GetString()!);
        using var accessAsRefresh = await ApiSession.Cookieless(app).PostAsJsonAsync(ApiSession.RefreshUrl,
            new { refresh_token = tokens.GetProperty("access_token").GetString() });

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/medications/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await refreshAsAccess.GetAsync("/api/medications/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, accessAsRefresh.StatusCode);
    }

    [Fact]
    public async Task A_token_opens_the_api_only_never_a_page()
    {
        using var client = await ApiSession.AsAsync(app, "patient@eps.test");

        using var page = await client.GetAsync("/prescriptions");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/Login", new Uri(app.BaseAddress, page.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        var email = await NewUserAsync();

        for (var i = 0; i < 5; i++)
        {
            await (await ApiSession.RequestTokensAsync(app, email, "Wrong!2026")).ExpectAsync(HttpStatusCode.Unauthorized);
        }

        var locked = await (await ApiSession.RequestTokensAsync(app, email)).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("locked", locked.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_are_400_naming_them_and_unknown_accounts_401()
    {
        await ProblemAssert.NamesFieldAsync(await ApiSession.Cookieless(app).PostAsJsonAsync(ApiSession.TokenUrl, new { password = "x" }), "email");
        await ProblemAssert.NamesFieldAsync(await ApiSession.Cookieless(app).PostAsJsonAsync(ApiSession.TokenUrl, new { email = "a@b.c" }), "password");
        await ProblemAssert.NamesFieldAsync(await ApiSession.Cookieless(app).PostAsJsonAsync(ApiSession.RefreshUrl, new { }), "refresh_token");
        await (await ApiSession.RequestTokensAsync(app, "nobody@eps.test")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_account_with_two_factor_authentication_needs_its_code()
    {
        var email = await NewUserAsync();
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var without = await (await ApiSession.RequestTokensAsync(app, email)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await ApiSession.RequestTokensAsync(app, email, code: "000000")).ExpectAsync(HttpStatusCode.Unauthorized);
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
        await (await ApiSession.RequestTokensAsync(app, email, code: code)).ExpectAsync(HttpStatusCode.OK);

        Assert.True(without.GetProperty("errors").TryGetProperty("two_factor_code", out _));
    }

    [Fact]
    public async Task Demo_accounts_get_no_token_outside_development()
    {
        using var staging = new EpsApp { Options = EpsAppOptions.Default with { Environment = "Staging" } };
        staging.Start();
        await using (var scope = staging.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().SeedDemoDataAsync(CancellationToken.None);
        }

        var refused = await (await ApiSession.RequestTokensAsync(staging, "patient@eps.test")).ExpectAsync(HttpStatusCode.Unauthorized);
        using var reference = await ApiSession.Cookieless(staging).GetAsync("/scalar");

        Assert.Contains("may not sign in", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, reference.StatusCode); // the API reference page is for Development only
    }

    private async Task<string> NewUserAsync()
    {
        app.Start();
        var email = $"api-{Guid.NewGuid():N}@eps.test";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
        var user = new EpsUser { UserName = email, Email = email, FullName = "Api Tester" };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Patient)).Succeeded);
        return email;
    }
}
