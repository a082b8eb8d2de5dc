using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks;

/// <summary>
/// A current authenticator code for the demo doctor, so simulated approvals of Schedule 2/3 items are signed as
/// <see cref="ControlledSigning"/> requires; Eps.Tests compiles this same file for its SigningKit. Sets up the authenticator once, and clears the last
/// signed step before each code so successive approvals need not wait for the next 30-second step. Codes are computed
/// at the real clock: Identity's authenticator provider reads DateTimeOffset.UtcNow, not the simulation's clock.
/// </summary>
internal static class Signing
{
    public static async Task<string> CodeAsync(IServiceProvider services, string email = "doctor@eps.test")
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == ControlledSigning.LoginProvider
            && t.Name == ControlledSigning.LastStepName).ExecuteDeleteAsync();
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
    }
}
