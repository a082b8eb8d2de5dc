using System.Globalization;
using System.Security.Cryptography;

namespace Eps.Core.Tokens;

/// <summary>Per-prescription nonces: random version 4 UUIDs straight from the OS CSPRNG.</summary>
public static class Nonces
{
    /// <summary>A new random nonce (122 random bits plus the RFC 4122 version and variant bits).</summary>
    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>Prescription ids in the seed's form: prefix + 8 random digits (unguessable, not sequential).</summary>
/// <remarks>10^8 values collide by chance (about 1 in 2,000 at 10,000 live ids): insert under a unique index and retry.</remarks>
public static class PrescriptionIds
{
    /// <summary>The seed's prefix.</summary>
    public const string DefaultPrefix = "PHB-RX-";

    /// <summary>A new id with 8 digits from a CSPRNG.</summary>
    public static string New(string prefix = DefaultPrefix) =>
        prefix + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>
    /// An ID as typed or scanned, in its stored form: spaces dropped, upper case, and the <paramref name="prefix"/> put in
    /// front of bare digits (a pharmacist may type only the eight digits printed under the barcode).
    /// </summary>
    public static string Normalize(string? text, string prefix = DefaultPrefix)
    {
        var id = string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return id.Length == 8 && id.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0 ? prefix + id : id;
    }

    /// <summary>True for exactly <paramref name="prefix"/> followed by 8 ASCII digits.</summary>
    public static bool IsValid(string? id, string prefix = DefaultPrefix) =>
        id is not null
        && id.Length == prefix.Length + 8
        && id.StartsWith(prefix, StringComparison.Ordinal)
        && id.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0;
}
