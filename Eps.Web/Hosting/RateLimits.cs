using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Eps.Web.Hosting;

/// <summary>Per-client-IP limits on the public verify endpoint; 429 with Retry-After when exceeded.</summary>
internal static class RateLimits
{
    public const string Verify = "verify";

    public static IServiceCollection AddEpsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var verifyPermits = configuration.GetValue("RateLimits:VerifyPermitsPerMinute", 120);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Verify, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = verifyPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: $"Too many verification attempts from this address; try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
