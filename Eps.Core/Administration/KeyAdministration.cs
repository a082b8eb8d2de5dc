using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Administration;

/// <summary>Outcome of a rotation request; the kids are set only when a new key became active.</summary>
public sealed record KeyRotationResult(bool Succeeded, string Message, string? OldKid = null, string? NewKid = null)
{
    internal static KeyRotationResult Fail(string message) => new(false, message);
}

/// <summary>The admin's signing-key rotation, recorded in the audit chain. Tokens signed earlier keep verifying.</summary>
public sealed class KeyAdministration(KeyRing keys, IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit)
{
    public const string AuditKind = "key-rotation";

    /// <summary>Makes a new key of <paramref name="algorithm"/> the active one; only admins may.</summary>
    public async Task<KeyRotationResult> RotateAsync(Actor admin, SigningAlgorithm algorithm, CancellationToken cancellationToken)
    {
        if (!admin.IsAdmin)
        {
            return KeyRotationResult.Fail("Only an administrator can rotate the signing key.");
        }

        // A rotation cannot be rolled back (the key file is already written), so the transaction is opened first:
        // a database that cannot take the audit entry refuses before the key changes.
        // A retry of the unit of work (a transient database failure) records the same rotation, not a second one.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var oldKid = keys.Keys.LastOrDefault(k => !k.IsRetired)?.Kid;
        SigningKey? fresh = null;
        string? refused = null;
        await db.InTransactionAsync(async ct =>
        {
            try
            {
                fresh ??= keys.Rotate(algorithm);
            }
            catch (InvalidOperationException e)
            {
                // The ring's store is read-only (keys supplied by configuration): its message says what to do instead.
                refused = $"The signing key was not rotated. {e.Message}";
                return;
            }

            await audit.AppendAsync(db, AuditKind, admin.UserId, fresh.Kid,
                new { old_kid = oldKid, new_kid = fresh.Kid, algorithm = algorithm.ToString() }, ct);
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        if (refused is not null || fresh is null)
        {
            return KeyRotationResult.Fail(refused ?? "The signing key was not rotated.");
        }

        var retired = oldKid is null ? "" : $" Key {oldKid} is retired and still verifies the tokens it signed.";
        return new KeyRotationResult(true, $"New tokens are now signed with key {fresh.Kid} ({algorithm}).{retired}", oldKid, fresh.Kid);
    }
}
