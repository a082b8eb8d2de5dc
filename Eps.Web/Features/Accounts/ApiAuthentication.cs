using Eps.Core.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Eps.Web.Features.Accounts;

/// <summary>
/// How API callers authenticate besides the sign-in cookie: a short-lived bearer token for a signed-in user (Identity's
/// bearer token handler, refreshed with a refresh token), or a pharmacy system's API key. Pages only ever read the
/// cookie; an /api or /fhir request is sent to the scheme its headers name.
/// </summary>
internal static class ApiAuthentication
{
    /// <summary>The default scheme: picks cookie, bearer token or API key per request.</summary>
    public const string Selector = "Eps";

    public static readonly string BearerScheme = IdentityConstants.BearerScheme;
    public const string ApiKeyScheme = "PharmacyApiKey";
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The role claim of a pharmacy system's key: queue, verify and dispense for its pharmacy, nothing else.</summary>
    public const string PharmacySystemRole = "PharmacySystem";

    /// <summary>The pharmacy id a key belongs to.</summary>
    public const string PharmacyClaim = "eps:pharmacy_id";

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(12);

    public static AuthenticationBuilder AddEpsApiSchemes(this AuthenticationBuilder builder) => builder
        .AddBearerToken(BearerScheme, o =>
        {
            o.BearerTokenExpiration = AccessTokenLifetime;
            o.RefreshTokenExpiration = RefreshTokenLifetime;
        })
        .AddScheme<AuthenticationSchemeOptions, PharmacyApiKeyHandler>(ApiKeyScheme, null)
        .AddPolicyScheme(Selector, "Cookie, bearer token or pharmacy API key", o => o.ForwardDefaultSelector = SchemeFor);

    private static string SchemeFor(HttpContext context)
    {
        if (!ApiPaths.Contains(context.Request.Path))
        {
            return IdentityConstants.ApplicationScheme;
        }

        if (context.Request.Headers.Authorization is [{ } authorization] && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return BearerScheme;
        }

        return context.Request.Headers.ContainsKey(ApiKeyHeader) ? ApiKeyScheme : IdentityConstants.ApplicationScheme;
    }

    /// <summary>Whether the caller is a pharmacy system's key rather than a person.</summary>
    public static bool IsPharmacySystem(this System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(PharmacySystemRole);

    /// <summary>The roles that work a pharmacy's counter: its pharmacists and its systems.</summary>
    public static readonly string[] CounterRoles = [Roles.Pharmacist, PharmacySystemRole];
}
