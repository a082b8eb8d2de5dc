using System.Globalization;
using System.Threading.RateLimiting;
using Eps.Core.Queue;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Eps.Web.Hosting;

/// <summary>
/// Per-client-IP limits on the public verify endpoint and on signing in; 429 with Retry-After when exceeded. With Redis
/// configured the counters live in Redis, so that N instances behind a load balancer do not allow N times the limit;
/// while Redis is unreachable each instance counts on its own rather than refusing or failing every request.
/// </summary>
internal static class RateLimits
{
    public const string Verify = "verify";

    /// <summary>The API's token endpoints, limited like the sign-in form.</summary>
    public const string SignIn = "sign-in";

    public static IServiceCollection AddEpsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var verifyPermits = configuration.GetValue("RateLimits:VerifyPermitsPerMinute", 120);
        var signInPermits = configuration.GetValue("RateLimits:SignInPermitsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Verify, context => PerMinute(context, "verify", verifyPermits));
            options.AddPolicy(SignIn, context => PerMinute(context, "api-sign-in", signInPermits));
            // Sign-in form posts are limited per client IP, in front of Identity's per-account lockout.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Account/Login")
                    ? PerMinute(context, "sign-in", signInPermits)
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var path = context.HttpContext.Request.Path;
                var what = path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/auth") ? "verification attempts" : "sign-in attempts";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: $"Too many {what} from this address; try again in {seconds} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>A fixed one-minute window per client IP: in Redis when it is configured and connected, else in this process.</summary>
    private static RateLimitPartition<string> PerMinute(HttpContext context, string limit, int permits)
    {
        var key = limit + ":" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (context.RequestServices.GetService<IConnectionMultiplexer>() is { IsConnected: true } redis)
        {
            var prefix = context.RequestServices.GetRequiredService<IOptions<RedisOptions>>().Value.Prefix;
            return RedisRateLimitPartition.GetFixedWindowRateLimiter($"{prefix}:{key}", _ => new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis, PermitLimit = permits, Window = TimeSpan.FromMinutes(1),
            });
        }

        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });
    }
}
