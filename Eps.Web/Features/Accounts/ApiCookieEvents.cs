using Eps.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Eps.Web.Features.Accounts;

/// <summary>API callers get 401/403 problem details instead of a redirect to the sign-in page.</summary>
internal static class ApiCookieEvents
{
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.Events.OnRedirectToLogin = context => Respond(context, StatusCodes.Status401Unauthorized, "Sign in to use this endpoint.");
        options.Events.OnRedirectToAccessDenied = context => Respond(context, StatusCodes.Status403Forbidden, "Your role may not use this endpoint.");
        // Sign-in and sign-out honour ?ReturnUrl=; a non-ASCII path there must reach the Location header percent-encoded.
        options.Events.OnRedirectToReturnUrl = context =>
        {
            context.Response.Redirect(LocalUrl.Resolve(context.RedirectUri) ?? "/");
            return Task.CompletedTask;
        };
    }

    private static Task Respond(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (!ApiPaths.Contains(context.Request.Path))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        return Results.Problem(statusCode: status, detail: detail).ExecuteAsync(context.HttpContext);
    }
}
