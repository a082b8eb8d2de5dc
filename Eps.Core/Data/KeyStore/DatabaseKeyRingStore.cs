using System.Security.Cryptography;
using Eps.Core.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Data.KeyStore;

/// <summary>
/// The signing key ring in the app's database (<c>SigningKeys</c>), shared by every instance on it. Private keys are
/// encrypted with data protection, whose keys are in the same database (and, when a certificate is configured,
/// encrypted with it). A rotation retires the active key with an UPDATE conditional on it still being the active one
/// and inserts the new key in the same SaveChanges; a unique index allows one active key.
/// </summary>
public sealed class DatabaseKeyRingStore(IDbContextFactory<EpsDbContext> dbFactory, IDataProtectionProvider protection, string? importFile = null)
    : ISharedKeyRingStore
{
    /// <summary>The data-protection purpose of the private keys; changing it makes every stored key unreadable.</summary>
    public const string Purpose = "Eps.Tokens.SigningKeys.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <inheritdoc/>
    public bool CanWrite => true;

    /// <inheritdoc/>
    public IReadOnlyList<SigningKeyRecord> Load()
    {
        using var db = dbFactory.CreateDbContext();
        var rows = db.Set<StoredSigningKey>().AsNoTracking().ToList();
        if (rows.Count == 0)
        {
            rows = ImportOrRefuse(db);
        }

        return [.. rows.OrderBy(r => r.CreatedAt).Select(Record)];
    }

    /// <inheritdoc/>
    public void Save(IReadOnlyList<SigningKeyRecord> keys) =>
        throw new InvalidOperationException("The database key ring changes only by rotation (TryRotate), never by replacing it.");

    /// <inheritdoc/>
    public string ReadVersion()
    {
        using var db = dbFactory.CreateDbContext();
        var keys = db.Set<StoredSigningKey>().AsNoTracking().Select(k => new { k.Kid, k.ActiveSlot }).ToList();
        return string.Join(',', keys.OrderBy(k => k.Kid, StringComparer.Ordinal).Select(k => k.ActiveSlot is null ? k.Kid : k.Kid + "*"));
    }

    /// <inheritdoc/>
    public bool TryRotate(string? expectedActiveKid, SigningKeyRecord fresh, DateTimeOffset retiredAt)
    {
        using var db = dbFactory.CreateDbContext();
        var keys = db.Set<StoredSigningKey>();
        if (expectedActiveKid is not null)
        {
            var active = keys.SingleOrDefault(k => k.Kid == expectedActiveKid && k.ActiveSlot == StoredSigningKey.Active);
            if (active is null)
            {
                return false;
            }

            active.RetiredAt = retiredAt.UtcDateTime;
            active.ActiveSlot = null;
        }
        else if (keys.Any(k => k.ActiveSlot == StoredSigningKey.Active))
        {
            return false;
        }

        keys.Add(Row(fresh, active: true));
        try
        {
            // One statement batch in one transaction: UPDATE … WHERE Kid = @old AND ActiveSlot = 1, then the INSERT.
            db.SaveChanges();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        catch (DbUpdateException) when (OtherKeyIsActive(fresh.Kid))
        {
            // Both inserted an active key with none to retire (first start); the unique index let the other one in.
            return false;
        }
    }

    private bool OtherKeyIsActive(string kid)
    {
        using var db = dbFactory.CreateDbContext();
        return db.Set<StoredSigningKey>().Any(k => k.ActiveSlot == StoredSigningKey.Active && k.Kid != kid);
    }

    /// <summary>
    /// An empty table: import the key file when one is named (moving an install from the file store to the database),
    /// refuse when the database already holds prescriptions (their tokens were signed by keys kept elsewhere), else
    /// leave it empty for the ring to create the first key.
    /// </summary>
    private List<StoredSigningKey> ImportOrRefuse(EpsDbContext db)
    {
        if (importFile is not null && File.Exists(importFile))
        {
            var records = new FileKeyRingStore(importFile).Load();
            var active = records.Where(r => r.RetiredAt is null).OrderBy(r => r.CreatedAt).LastOrDefault();
            db.Set<StoredSigningKey>().AddRange(records.Select(r => Row(r, active: ReferenceEquals(r, active))));
            db.SaveChanges();
            return [.. db.Set<StoredSigningKey>().AsNoTracking()];
        }

        if (db.Prescriptions.Any())
        {
            throw new InvalidOperationException(
                "The database holds prescriptions but no signing keys, so the keys that signed their tokens are elsewhere: " +
                "set Tokens:KeyFile to that key ring file (it is imported into the database once), or Tokens:Store to File.");
        }

        return [];
    }

    private StoredSigningKey Row(SigningKeyRecord record, bool active) => new()
    {
        Kid = record.Kid,
        Algorithm = record.Algorithm,
        CreatedAt = record.CreatedAt.UtcDateTime,
        RetiredAt = record.RetiredAt?.UtcDateTime,
        ActiveSlot = active ? StoredSigningKey.Active : null,
        ProtectedPrivateKey = _protector.Protect(record.PrivateKey),
    };

    private SigningKeyRecord Record(StoredSigningKey row)
    {
        string privateKey;
        try
        {
            privateKey = _protector.Unprotect(row.ProtectedPrivateKey);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException(
                $"Signing key {row.Kid} cannot be decrypted: this instance does not hold the data-protection keys it was " +
                "encrypted with (same database, application name and certificate on every instance).", e);
        }

        return new SigningKeyRecord(row.Kid, row.Algorithm, new DateTimeOffset(row.CreatedAt, TimeSpan.Zero),
            row.RetiredAt is { } retired ? new DateTimeOffset(retired, TimeSpan.Zero) : null, privateKey);
    }
}
