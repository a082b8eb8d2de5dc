using Eps.Core.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Eps.Web.Features.Accounts;

/// <summary>The sign-in request of a non-browser client.</summary>
internal sealed record TokenBody(string? Email, string? Password, string? TwoFactorCode, string? TwoFactorRecoveryCode);

/// <summary>A refresh request.</summary>
internal sealed record RefreshBody(string? RefreshToken);

/// <summary>An OAuth 2.0-shaped token response (RFC 6749 section 5.1): a short-lived access token and its refresh token.</summary>
internal sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary>
/// Bearer tokens for API clients, under the same sign-in rules as the form: demo accounts are refused outside
/// Development, wrong passwords and codes count toward the lockout, and an account with two-factor authentication needs
/// its authenticator (or a recovery) code. Tokens are Identity's bearer tokens (data-protected, 15 minutes; refresh 12 h).
/// </summary>
internal static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Authentication").AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(RateLimits.SignIn);
        group.MapPost("/token", IssueAsync).AcceptsJson<TokenBody>()
            .WithSummary("Sign in: email, password and (with two-factor authentication) the authenticator code; answers a bearer token.");
        group.MapPost("/refresh", RefreshAsync).AcceptsJson<RefreshBody>()
            .WithSummary("Trades a refresh token for a new access token and refresh token.");
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueAsync(
        HttpContext context, SignInManager<EpsUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<TokenBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Email) || body.Email.Length > 256)
        {
            return JsonBody.Problem("email", "email is required.");
        }

        if (string.IsNullOrEmpty(body.Password) || body.Password.Length > 256)
        {
            return JsonBody.Problem("password", "password is required.");
        }

        if (body.TwoFactorCode?.Length > 16 || body.TwoFactorRecoveryCode?.Length > 64)
        {
            return JsonBody.Problem(body.TwoFactorCode?.Length > 16 ? "two_factor_code" : "two_factor_recovery_code", "That code is too long.");
        }

        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(body.Email.Trim());
        if (user is null)
        {
            return Refused("Invalid email or password.");
        }

        var check = await signIn.CheckPasswordSignInAsync(user, body.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return Refused("This account is locked after too many failed attempts. Wait a few minutes, then try again.");
        }

        if (check.IsNotAllowed)
        {
            return Refused("This account may not sign in here.");
        }

        if (!check.Succeeded)
        {
            return Refused("Invalid email or password.");
        }

        if (await users.GetTwoFactorEnabledAsync(user) && await SecondFactorAsync(users, user, body) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(Tokens(await signIn.CreateUserPrincipalAsync(user), bearer, time));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        HttpContext context, SignInManager<EpsUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<RefreshBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.RefreshToken) || body.RefreshToken.Length > 8192)
        {
            return JsonBody.Problem("refresh_token", "refresh_token is required.");
        }

        var options = bearer.Get(ApiAuthentication.BearerScheme);
        var ticket = options.RefreshTokenProtector.Unprotect(body.RefreshToken);
        // A changed password, a reset authenticator or a lock (security stamp), or an account that may no longer sign in,
        // ends the refresh chain.
        if (ticket?.Properties.ExpiresUtc is not { } expires || Now(options, time) >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return Refused("The refresh token is not valid; sign in again.");
        }

        return TypedResults.Ok(Tokens(await signIn.CreateUserPrincipalAsync(user), bearer, time));
    }

    private static async Task<ProblemHttpResult?> SecondFactorAsync(UserManager<EpsUser> users, EpsUser user, TokenBody body)
    {
        var recovery = body.TwoFactorRecoveryCode?.Replace(" ", "", StringComparison.Ordinal);
        var code = body.TwoFactorCode?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(recovery))
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Two-factor authentication required",
                Detail = "This account uses two-factor authentication: send two_factor_code (or two_factor_recovery_code).",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { ["two_factor_code"] = ["The authenticator code is required."] } },
            });
        }

        var valid = !string.IsNullOrEmpty(code)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, recovery!)).Succeeded;
        if (!valid)
        {
            // Counted like a wrong password, so codes cannot be guessed through the API either.
            await users.AccessFailedAsync(user);
            return Refused("That code is not valid.");
        }

        await users.ResetAccessFailedCountAsync(user);
        return null;
    }

    private static TokenResponse Tokens(System.Security.Claims.ClaimsPrincipal principal, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var options = bearer.Get(ApiAuthentication.BearerScheme);
        var now = Now(options, time);
        var access = options.BearerTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { ExpiresUtc = now + options.BearerTokenExpiration }, $"{ApiAuthentication.BearerScheme}:AccessToken"));
        var refresh = options.RefreshTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { ExpiresUtc = now + options.RefreshTokenExpiration }, $"{ApiAuthentication.BearerScheme}:RefreshToken"));
        return new TokenResponse("Bearer", access, (long)options.BearerTokenExpiration.TotalSeconds, refresh);
    }

    // The handler checks expiry with its scheme's clock; tokens are stamped with the same one.
    private static DateTimeOffset Now(BearerTokenOptions options, TimeProvider time) => (options.TimeProvider ?? time).GetUtcNow();

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused", detail: detail);
}
