using System.Security.Cryptography;

namespace Eps.Core.Tokens;

/// <summary>Imported key objects for one kid, created once and shared by every <see cref="SigningKey"/> view of it.</summary>
internal abstract class KeyMaterial : IDisposable
{
    /// <summary>The COSE algorithm id a token must name to be checked with this key (RFC 9053).</summary>
    public abstract long CoseAlgorithm { get; }

    /// <summary>The COSE tag a token must carry for this key: 18 COSE_Sign1 or 17 COSE_Mac0.</summary>
    public abstract ulong CoseTag { get; }

    /// <summary>Length of a well-formed signature or MAC tag.</summary>
    public abstract int SignatureLength { get; }

    public abstract byte[] Sign(ReadOnlySpan<byte> toBeSigned);

    public abstract bool Verify(ReadOnlySpan<byte> toBeSigned, ReadOnlySpan<byte> signature);

    public virtual Jwk? PublicJwk(string kid) => null;

    public abstract void Dispose();

    public static KeyMaterial Import(SigningKeyRecord record)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(record.PrivateKey);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"Signing key '{record.Kid}': PrivateKey is not base64.", ex);
        }

        return record.Algorithm switch
        {
            SigningAlgorithm.ES256 => new EcdsaKeyMaterial(bytes, record.Kid),
            SigningAlgorithm.HS256 => new HmacKeyMaterial(bytes, record.Kid),
            _ => throw new InvalidDataException($"Signing key '{record.Kid}': unsupported algorithm {record.Algorithm}."),
        };
    }

    /// <summary>New private key material in the stored form (base64 PKCS#8 or base64 secret).</summary>
    public static string Generate(SigningAlgorithm algorithm)
    {
        if (algorithm == SigningAlgorithm.HS256)
        {
            return Convert.ToBase64String(RandomNumberGenerator.GetBytes(HmacKeyMaterial.MinSecretBytes));
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey());
    }
}

/// <summary>HS256: HMAC-SHA256 under a raw secret; the one-shot API keeps no state, so it is safe on any thread.</summary>
internal sealed class HmacKeyMaterial : KeyMaterial
{
    /// <summary>RFC 7518 section 3.2: the key must be at least as long as the hash output.</summary>
    public const int MinSecretBytes = 32;

    private readonly byte[] _secret;
    private volatile bool _disposed;

    public HmacKeyMaterial(byte[] secret, string kid)
    {
        if (secret.Length < MinSecretBytes)
        {
            throw new InvalidDataException($"Signing key '{kid}': an HS256 secret needs at least {MinSecretBytes} bytes.");
        }

        _secret = secret;
    }

    public override long CoseAlgorithm => CoseConstants.AlgHmac256;

    public override ulong CoseTag => CoseConstants.TagMac0;

    public override int SignatureLength => HMACSHA256.HashSizeInBytes;

    public override byte[] Sign(ReadOnlySpan<byte> toBeSigned)
    {
        // After Dispose the secret is zeroed: signing or verifying with it would accept an all-zero key.
        ObjectDisposedException.ThrowIf(_disposed, this);
        return HMACSHA256.HashData(_secret, toBeSigned);
    }

    public override bool Verify(ReadOnlySpan<byte> toBeSigned, ReadOnlySpan<byte> signature)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, toBeSigned, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    public override void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_secret);
    }
}
