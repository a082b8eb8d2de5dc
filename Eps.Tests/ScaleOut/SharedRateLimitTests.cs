using System.Net;
using System.Net.Http.Json;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.ScaleOut;

/// <summary>With Redis configured, instances behind one load balancer count one client's requests together.</summary>
public sealed class SharedRateLimitTests
{
    [Fact]
    public async Task Two_hosts_on_one_redis_share_the_verify_limit()
    {
        var options = EpsAppOptions.Default with { Settings = TestRedis.Settings(TestRedis.NewPrefix()) };
        options = options.With("RateLimits:VerifyPermitsPerMinute", "3");
        using var a = new EpsApp { Options = options };
        using var b = new EpsApp { Options = options };
        using var clientA = a.NewClient();
        using var clientB = b.NewClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { clientA, clientB, clientA, clientB, clientA })
        {
            using var response = await client.PostAsJsonAsync("/api/prescriptions/verify/", new { token = "x" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[3..]);
    }

    [Fact]
    public async Task Two_hosts_on_one_redis_share_the_sign_in_limit()
    {
        var options = (EpsAppOptions.Default with { Settings = TestRedis.Settings(TestRedis.NewPrefix()) })
            .With("RateLimits:SignInPermitsPerMinute", "2");
        using var a = new EpsApp { Options = options };
        using var b = new EpsApp { Options = options };

        var statuses = new List<HttpStatusCode>();
        foreach (var app in new[] { a, b, a })
        {
            using var client = app.NewClient();
            using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@eps.test", password = "wrong" });
            statuses.Add(response.StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }
}
