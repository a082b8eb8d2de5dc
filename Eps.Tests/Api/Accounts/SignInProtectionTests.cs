using System.Net;
using Eps.Core.Data.Seed;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Accounts;

public sealed class SignInProtectionTests
{
    [Fact]
    public async Task Sign_in_posts_from_one_address_are_rate_limited()
    {
        using var app = new EpsApp { Options = EpsAppOptions.Default.With("RateLimits:SignInPermitsPerMinute", "3") };
        var client = app.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await Login.SignInAsync(client, "nobody@eps.test", "wrong-password")).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var app = new EpsApp();
        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await Login.SignInAsync(client, "doctor@eps.test", "not-the-password");
        }

        var response = await Login.SignInAsync(client, "doctor@eps.test", DemoData.Password);

        // The right password now leads to the lockout page, not into the app.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/Lockout", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
