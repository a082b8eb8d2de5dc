using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OtpNet;

namespace Eps.Core.Prescribing;

/// <summary>
/// Outcome of the signing check at approval. <see cref="Required"/> is false when nothing approved is controlled;
/// <see cref="Field"/> names the form field a refusal belongs to; <see cref="TimeStep"/> is the accepted TOTP step.
/// </summary>
public sealed record SigningCheck(bool Required, bool Succeeded, string Message, string? Field = null, long? TimeStep = null)
{
    public static readonly SigningCheck NotRequired = new(false, true, "");
}

/// <summary>
/// Approving a Schedule 2/3 item is a legal signature: the doctor confirms it with a current authenticator (TOTP) code,
/// verified by Identity. Each code signs one request: the last accepted time-step is kept per user in AspNetUserTokens.
/// </summary>
public sealed class ControlledSigning(IDbContextFactory<EpsDbContext> dbFactory, IServiceScopeFactory scopes, ILogger<ControlledSigning> logger)
{
    public const string Field = "totp";
    public const string SetupUrl = "/Account/Manage/EnableAuthenticator";
    public const string Statement = "By completing two-factor authentication you are legally signing these prescriptions";
    /// <summary>Where the last accepted time-step is kept (AspNetUserTokens); resetting an authenticator clears it.</summary>
    public const string LoginProvider = "Eps";
    public const string LastStepName = "LastTotpStep";

    // Identity's AuthenticatorTokenProvider (.NET 10) reads DateTimeOffset.UtcNow, not a TimeProvider, and accepts the
    // steps 2 either side of now. Finding the step a code belongs to must use that same real clock; one more step each
    // way covers a step boundary passing between Identity's check and ours.
    private static readonly TimeProvider IdentityClock = TimeProvider.System;
    private const int StepSeconds = 30;
    private const int SearchSteps = 3;

    public async Task<SigningCheck> CheckAsync(
        Actor doctor, int requestId, IReadOnlyList<ItemDecision> decisions, string? totpCode, CancellationToken cancellationToken)
    {
        var approved = decisions.Where(d => d.Approve).Select(d => d.ItemId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var controlled = approved.Count > 0 && await db.PrescriptionRequestItems.AnyAsync(i => i.RequestId == requestId
            && approved.Contains(i.Id) && DrugRules.ControlledSchedules.Contains(i.Drug.Schedule),
            cancellationToken);
        if (!controlled)
        {
            return SigningCheck.NotRequired;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
        var user = await users.FindByIdAsync(doctor.UserId);
        if (user is null || !await users.GetTwoFactorEnabledAsync(user))
        {
            return Refused("Schedule 2 and 3 medicines can only be approved with two-factor authentication. "
                + $"Set up an authenticator app ({SetupUrl}), then approve again.");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Refused("This account is locked after too many failed attempts. Wait a few minutes, then try again.");
        }

        var code = new string((totpCode ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return Refused("Enter the 6-digit code from your authenticator app to sign.");
        }

        var now = IdentityClock.GetUtcNow();
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (key is null || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            // Counted like a wrong code at sign-in, so the approval form cannot be used to guess codes.
            await users.AccessFailedAsync(user);
            logger.LogWarning("Wrong authenticator code at approval of request {RequestId}", requestId);
            return Refused("That code is not valid. Enter the current code from your authenticator app.");
        }

        var step = StepOf(key, code, now);
        if (step is null || !await ClaimStepAsync(db, user.Id, step.Value, requestId, cancellationToken))
        {
            logger.LogWarning("Replayed authenticator code refused at approval of request {RequestId}", requestId);
            return Refused("That code can no longer sign: each code signs one approval. Wait for the next code from your authenticator app.");
        }

        await users.ResetAccessFailedCountAsync(user);
        logger.LogInformation("Controlled approval of request {RequestId} signed with two-factor authentication", requestId);
        return new(true, true, "Signed with two-factor authentication.", TimeStep: step);
    }

    /// <summary>Whether the user has an authenticator set up, so the review page can offer the code field or the set-up link.</summary>
    public async Task<bool> IsEnabledAsync(Actor doctor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
        return await users.FindByIdAsync(doctor.UserId) is { } user && await users.GetTwoFactorEnabledAsync(user);
    }

    private static SigningCheck Refused(string message) => new(true, false, message, Field);

    /// <summary>
    /// Moves the user's last accepted step forward in one conditional statement, so two approvals racing with one code
    /// cannot both pass. The value is "step:request", the step zero-padded to compare as text; the same code on the same
    /// request passes again, so a double submit still gets the approval's own idempotent answer, not a refusal.
    /// </summary>
    private static async Task<bool> ClaimStepAsync(
        EpsDbContext db, string userId, long step, int requestId, CancellationToken cancellationToken, bool mayInsert = true)
    {
        var floor = step.ToString("D12", CultureInfo.InvariantCulture);
        var value = $"{floor}:{requestId.ToString(CultureInfo.InvariantCulture)}";
        var tokens = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider && t.Name == LastStepName);
        // Only the zero-padded digits are compared: a collation may weigh the ":" of the stored value (PostgreSQL's
        // locale collations skip punctuation at first), while equal-length digit strings order the same in every one.
        if (await tokens.Where(t => t.Value == null || string.Compare(t.Value.Substring(0, 12), floor) < 0)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value), cancellationToken) == 1)
        {
            return true;
        }

        if (await tokens.Select(t => new { t.Value }).FirstOrDefaultAsync(cancellationToken) is { } stored)
        {
            return stored.Value == value;
        }

        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = LoginProvider, Name = LastStepName, Value = value });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // A concurrent approval inserted the user's first step (a double submit of the first signing, say): decide
            // once more against the row it wrote, so the same code on the same request still passes.
            db.ChangeTracker.Clear();
            return mayInsert && await ClaimStepAsync(db, userId, step, requestId, cancellationToken, mayInsert: false);
        }
    }

    /// <summary>The latest time-step near <paramref name="now"/> whose RFC 6238 code is <paramref name="code"/>.</summary>
    internal static long? StepOf(string base32Key, string code, DateTimeOffset now)
    {
        var totp = new Totp(Base32Encoding.ToBytes(base32Key), StepSeconds);
        var current = now.ToUnixTimeSeconds() / StepSeconds;
        for (var step = current + SearchSteps; step >= current - SearchSteps; step--)
        {
            if (totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime) == code)
            {
                return step;
            }
        }

        return null;
    }
}
