using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
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
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

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
        return Totp(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
    }

    /// <summary>RFC 6238 TOTP: HMAC-SHA1 of the big-endian step counter, dynamic truncation, six digits.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "RFC 6238 authenticator apps use HMAC-SHA1.")]
    private static string Totp(string base32Key, long step)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        var bits = string.Concat(text.TrimEnd('=').Select(c =>
            Convert.ToString(Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }
}
