using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Pharmacies;

/// <summary>A pharmacy's API key as the admin's list shows it (never the key itself).</summary>
public sealed record ApiKeyRow(int Id, string PharmacyCode, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>The pharmacy a presented key belongs to, when the key is known and not revoked.</summary>
public sealed record ApiKeyIdentity(int KeyId, int PharmacyId, string PharmacyCode, string Name);

/// <summary>
/// Per-pharmacy API keys: an admin issues one (shown once), lists and revokes them, every change audited; the API checks
/// a presented key. A key is 32 random bytes, so a plain SHA-256 is enough at rest (no password stretching needed), and
/// the stored hash is compared in constant time.
/// </summary>
public sealed class PharmacyApiKeys(IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit, TimeProvider time)
{
    public const string Issued = "api-key-issued";
    public const string Revoked = "api-key-revoked";
    public const string KeyPrefix = "epk_";
    public const string NotFound = "Key not found.";
    private const int MaxName = 100;

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(Actor actor, string pharmacyCode, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PharmacyApiKeys.AsNoTracking().Where(k => k.Pharmacy.Code == pharmacyCode)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Pharmacy.Code, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One key as the admin's list shows it, or null.</summary>
    public async Task<ApiKeyRow?> FindAsync(Actor actor, int keyId, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PharmacyApiKeys.AsNoTracking().Where(k => k.Id == keyId)
            .Select(k => new ApiKeyRow(k.Id, k.Pharmacy.Code, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Issues a key for the pharmacy; the key is in the result only, never stored or shown again.</summary>
    public async Task<(CommandResult Result, ApiKeyRow? Row, string? Key)> IssueAsync(
        Actor actor, string pharmacyCode, string name, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return (CommandResult.Fail("Only admins can issue API keys."), null, null);
        }

        name = (name ?? "").Trim();
        if (name.Length is 0 or > MaxName)
        {
            return (CommandResult.Invalid(new Dictionary<string, string> { ["name"] = $"Name the key (up to {MaxName} characters), e.g. the system that uses it." }), null, null);
        }

        var prefix = RandomNumberGenerator.GetHexString(12, lowercase: true);
        var key = $"{KeyPrefix}{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var pharmacy = await db.Pharmacies.FirstOrDefaultAsync(p => p.Code == pharmacyCode, ct);
            if (pharmacy is null)
            {
                return (CommandResult.Fail("Pharmacy not found."), (ApiKeyRow?)null, (string?)null);
            }

            var entity = new PharmacyApiKey
            {
                PharmacyId = pharmacy.Id, Name = name, Prefix = prefix, Hash = HashOf(key), CreatedAt = now, CreatedByUserId = actor.UserId,
            };
            db.Add(entity);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, Issued, actor.UserId, pharmacy.Code, new { key_id = entity.Id, name, prefix }, ct);
            await db.SaveChangesAsync(ct);
            return (CommandResult.Ok($"Key \u201c{name}\u201d issued for {pharmacy.Name}. Copy it now: it is not shown again."),
                new ApiKeyRow(entity.Id, pharmacy.Code, name, prefix, now, null), key);
        }, cancellationToken);
    }

    /// <summary>Revokes a key at once (one conditional UPDATE); a revoked key stays on the list.</summary>
    public async Task<CommandResult> RevokeAsync(Actor actor, int keyId, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return CommandResult.Fail("Only admins can revoke API keys.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var keys = db.PharmacyApiKeys.Where(k => k.Id == keyId);
            var changed = await keys.Where(k => k.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedByUserId, actor.UserId), ct);
            if (changed == 0)
            {
                return await keys.AnyAsync(ct) ? CommandResult.Fail("This key was revoked already.") : CommandResult.Fail(NotFound);
            }

            var key = await keys.Select(k => new { k.Name, k.Prefix, k.Pharmacy.Code }).SingleAsync(ct);
            await audit.AppendAsync(db, Revoked, actor.UserId, key.Code, new { key_id = keyId, key.Name, key.Prefix }, ct);
            await db.SaveChangesAsync(ct);
            return CommandResult.Ok($"Key \u201c{key.Name}\u201d revoked; calls with it are refused from now on.");
        }, cancellationToken);
    }

    /// <summary>The pharmacy of a presented key, or null for a malformed, unknown or revoked key.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (presented.Length > 200 || !presented.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = presented[KeyPrefix.Length..];
        var split = rest.IndexOf('_', StringComparison.Ordinal);
        if (split != 12)
        {
            return null;
        }

        var prefix = rest[..split];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PharmacyApiKeys.AsNoTracking().Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .Select(k => new { k.Id, k.PharmacyId, k.Pharmacy.Code, k.Name, k.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var expected = Convert.FromHexString(row.Hash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? new ApiKeyIdentity(row.Id, row.PharmacyId, row.Code, row.Name) : null;
    }

    /// <summary>The user id a key's calls are recorded under in the audit and verification journal.</summary>
    public static string ActorIdOf(int keyId) => "api-key:" + keyId.ToString(CultureInfo.InvariantCulture);

    internal static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
