using System.Formats.Cbor;

namespace Eps.Core.Tokens;

/// <summary>The claims as a CBOR map with small integer keys (the EU DCC trick that keeps the QR small).</summary>
internal static class ClaimsCbor
{
    private const int Id = 1, Nonce = 2, Hpn = 3, Medication = 4, Quantity = 5, Expiry = 6, PharmacyCode = 7;

    // DateTimeOffset's range in Unix seconds; outside it FromUnixTimeSeconds would throw.
    private const long MinUnixSeconds = -62_135_596_800, MaxUnixSeconds = 253_402_300_799;

    public static byte[] Encode(TokenClaims claims)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartMap(7);
        writer.WriteInt32(Id);
        writer.WriteTextString(claims.PrescriptionId);
        writer.WriteInt32(Nonce);
        writer.WriteByteString(claims.Nonce.ToByteArray(bigEndian: true));
        writer.WriteInt32(Hpn);
        writer.WriteTextString(claims.Hpn);
        writer.WriteInt32(Medication);
        writer.WriteTextString(claims.Medication);
        writer.WriteInt32(Quantity);
        writer.WriteInt32(claims.Quantity);
        writer.WriteInt32(Expiry);
        writer.WriteInt64(claims.Expiry.ToUnixTimeSeconds());
        writer.WriteInt32(PharmacyCode);
        writer.WriteTextString(claims.PharmacyCode);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Throws <see cref="ArgumentException"/> for claims that must not be signed.</summary>
    public static void Validate(TokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentException.ThrowIfNullOrWhiteSpace(claims.PrescriptionId, nameof(claims));
        ArgumentException.ThrowIfNullOrWhiteSpace(claims.Medication, nameof(claims));
        ArgumentException.ThrowIfNullOrWhiteSpace(claims.PharmacyCode, nameof(claims));
        if (!IsDigits(claims.Hpn))
        {
            throw new ArgumentException("Hpn must be digits only (strip the display spaces of '123 456 7890').", nameof(claims));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(claims.Quantity, nameof(claims));
    }

    /// <summary>Null unless every claim is present once with the right type; unknown integer keys are skipped.</summary>
    public static TokenClaims? TryDecode(byte[] payload)
    {
        var reader = new CborReader(payload, CborConformanceMode.Strict);
        var count = reader.ReadStartMap();
        if (count is null or > 32)
        {
            return null;
        }

        string? id = null, hpn = null, medication = null, pharmacy = null;
        Guid? nonce = null;
        int? quantity = null;
        long? expiry = null;
        for (var i = 0; i < count; i++)
        {
            if (reader.PeekState() != CborReaderState.UnsignedInteger)
            {
                return null;
            }

            switch (reader.ReadInt32())
            {
                case Id: id = reader.ReadTextString(); break;
                case Nonce: nonce = ReadGuid(reader); break;
                case Hpn: hpn = reader.ReadTextString(); break;
                case Medication: medication = reader.ReadTextString(); break;
                case Quantity: quantity = checked((int)reader.ReadUInt32()); break;
                case Expiry: expiry = reader.ReadInt64(); break;
                case PharmacyCode: pharmacy = reader.ReadTextString(); break;
                default: reader.SkipValue(); break;
            }
        }

        reader.ReadEndMap();
        var complete = reader.BytesRemaining == 0 && id is not null && nonce is not null && IsDigits(hpn)
            && medication is not null && quantity is not null && pharmacy is not null
            && expiry is >= MinUnixSeconds and <= MaxUnixSeconds;
        return complete
            ? new TokenClaims(id!, nonce!.Value, hpn!, medication!, quantity!.Value, DateTimeOffset.FromUnixTimeSeconds(expiry!.Value), pharmacy!)
            : null;
    }

    private static Guid? ReadGuid(CborReader reader)
    {
        var bytes = reader.ReadByteString();
        return bytes.Length == 16 ? new Guid(bytes, bigEndian: true) : null;
    }

    private static bool IsDigits(string? value) => !string.IsNullOrEmpty(value) && value.All(char.IsAsciiDigit);
}
