using System.Net;
using System.Net.Http.Json;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Dispensing;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Verify_answers_429_with_retry_after_once_an_ip_exceeds_its_limit()
    {
        using var app = new EpsApp { Options = EpsAppOptions.Default.With("RateLimits:VerifyPermitsPerMinute", "5") };
        var client = app.NewClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 7; i++)
        {
            var response = await client.PostAsJsonAsync("/api/prescriptions/verify/", new { token = "x" });
            statuses.Add(response.StatusCode);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : limited;
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(limited!.Headers.RetryAfter);
        Assert.True(limited.Headers.RetryAfter!.Delta > TimeSpan.Zero);
    }
}
