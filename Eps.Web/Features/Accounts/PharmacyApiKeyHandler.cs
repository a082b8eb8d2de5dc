using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Eps.Core.Pharmacies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Eps.Web.Features.Accounts;

/// <summary>Authenticates a pharmacy system by the API key in <see cref="ApiAuthentication.ApiKeyHeader"/>.</summary>
internal sealed class PharmacyApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PharmacyApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiAuthentication.ApiKeyHeader, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values is not [{ } presented] || await keys.AuthenticateAsync(presented.Trim(), Context.RequestAborted) is not { } key)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
        [
            new(ClaimTypes.NameIdentifier, PharmacyApiKeys.ActorIdOf(key.KeyId)),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, ApiAuthentication.PharmacySystemRole),
            new(ApiAuthentication.PharmacyClaim, key.PharmacyId.ToString(CultureInfo.InvariantCulture)),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
