namespace Eps.Core.Tokens;

/// <summary>A key of the ring with its imported key objects; only <see cref="KeyRing.Active"/> signs.</summary>
public sealed class SigningKey
{
    private SigningKey(SigningKeyRecord record, KeyMaterial material)
    {
        Record = record;
        Material = material;
    }

    /// <summary>Key id, carried in every token's protected header.</summary>
    public string Kid => Record.Kid;

    /// <summary>The one algorithm this key is used with; a token naming another is rejected.</summary>
    public SigningAlgorithm Algorithm => Record.Algorithm;

    /// <summary>When the key was generated.</summary>
    public DateTimeOffset CreatedAt => Record.CreatedAt;

    /// <summary>When the key stopped signing; retired keys still verify the tokens they signed.</summary>
    public DateTimeOffset? RetiredAt => Record.RetiredAt;

    /// <summary>True once the key no longer signs.</summary>
    public bool IsRetired => Record.RetiredAt is not null;

    /// <summary>The public key as a JWK, or null for HS256 (a shared secret is never published).</summary>
    public Jwk? PublicJwk => Material.PublicJwk(Kid);

    internal SigningKeyRecord Record { get; }

    internal KeyMaterial Material { get; }

    /// <summary>Signs (or MACs) arbitrary bytes with this key, as the audit checkpoints do.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => Material.Sign(data);

    /// <summary>Checks a signature made by <see cref="Sign"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => Material.Verify(data, signature);

    /// <summary>Imports the key material; throws <see cref="InvalidDataException"/> for a record that cannot be used.</summary>
    internal static SigningKey Import(SigningKeyRecord record)
    {
        if (string.IsNullOrWhiteSpace(record.Kid) || record.Kid.Length > KeyIds.MaxLength)
        {
            throw new InvalidDataException($"A signing key needs a kid of 1 to {KeyIds.MaxLength} characters.");
        }

        return new SigningKey(record, KeyMaterial.Import(record));
    }

    // Retiring changes the record, not the key: share the already imported objects.
    internal SigningKey Retire(DateTimeOffset at) => new(Record with { RetiredAt = at }, Material);

    /// <inheritdoc/>
    public override string ToString() => $"{Kid} ({Algorithm}{(IsRetired ? ", retired" : "")})";
}

/// <summary>Short random key ids: the kid rides in every QR, so every byte counts.</summary>
internal static class KeyIds
{
    public const int MaxLength = 64;

    // 32 unambiguous lowercase letters and digits: 8 of them give 40 random bits, plenty for a handful of keys.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New(IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var kid = System.Security.Cryptography.RandomNumberGenerator.GetString(Alphabet, 8);
            if (!used.Contains(kid))
            {
                return kid;
            }
        }
    }
}
