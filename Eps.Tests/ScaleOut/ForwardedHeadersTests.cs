using System.Net.Http.Json;
using Eps.Core.Dispensing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.ScaleOut;

/// <summary>
/// Behind a load balancer the client's address comes from <c>X-Forwarded-For</c>, but only when the connection comes
/// from a configured proxy: anyone else could name any address and dodge the per-IP limits and alert rules.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task The_forwarded_client_ip_from_a_known_proxy_is_audited_and_rate_limited()
    {
        using var app = new EpsApp
        {
            Options = EpsAppOptions.Default.With("ForwardedHeaders:KnownProxies", "127.0.0.1")
                .With("RateLimits:VerifyPermitsPerMinute", "2"),
        };

        Assert.Equal(Client, await VerifiedFromAsync(app, Client));
        // The limit counts per client, not per proxy: a second client behind the same proxy has its own.
        using var client = app.NewClient();
        var statuses = new List<int>();
        foreach (var from in new[] { Client, Client, "198.51.100.9", "198.51.100.9" })
        {
            statuses.Add((int)(await PostVerifyAsync(client, from)).StatusCode);
        }

        Assert.Equal([200, 429, 200, 200], statuses);
    }

    [Theory]
    [InlineData("10.9.8.7")] // another proxy
    [InlineData("")] // the default: none
    public async Task Forwarded_headers_from_an_unknown_address_are_ignored(string knownProxies)
    {
        using var app = new EpsApp { Options = EpsAppOptions.Default.With("ForwardedHeaders:KnownProxies", knownProxies) };

        Assert.Equal("127.0.0.1", await VerifiedFromAsync(app, Client));
    }

    [Fact]
    public async Task A_known_network_is_trusted_like_a_known_proxy()
    {
        using var app = new EpsApp { Options = EpsAppOptions.Default.With("ForwardedHeaders:KnownNetworks", "127.0.0.0/8") };

        Assert.Equal(Client, await VerifiedFromAsync(app, Client));
    }

    /// <summary>Posts one verification "from" the address and returns the client IP its audited attempt recorded.</summary>
    private static async Task<string?> VerifiedFromAsync(EpsApp app, string forwardedFor)
    {
        var nonce = "probe-" + Guid.NewGuid().ToString("N");
        using var client = app.NewClient();
        using var response = await PostVerifyAsync(client, forwardedFor, nonce);
        response.EnsureSuccessStatusCode();
        await using var db = await app.NewDbAsync();
        var attempt = await db.VerificationAttempts.Where(a => a.Kind == AttemptKind.Verify).OrderByDescending(a => a.Id).FirstAsync();
        return attempt.ClientIp;
    }

    private static Task<HttpResponseMessage> PostVerifyAsync(HttpClient client, string forwardedFor, string token = "x")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/prescriptions/verify/") { Content = JsonContent.Create(new { token }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return client.SendAsync(request);
    }
}
