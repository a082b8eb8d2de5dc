using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Eps.Web.Hosting;

/// <summary>Per-client-IP limits on the public verify endpoint and on signing in; 429 with Retry-After when exceeded.</summary>
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
            options.AddPolicy(Verify, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = verifyPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                }));
            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                "api-sign-in:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Sign-in form posts are limited per client IP, in front of Identity's per-account lockout.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Account/Login")
                    ? RateLimitPartition.GetFixedWindowLimiter("sign-in:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                var path = context.HttpContext.Request.Path;
                var what = path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/auth") ? "verification attempts" : "sign-in attempts";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: $"Too many {what} from this address; try again in {seconds} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
