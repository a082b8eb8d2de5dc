using Eps.Core.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Eps.Tests.Core.Tokens;

/// <summary>Shared fixtures: rings on fake time, sample claims, and token surgery for tampering tests.</summary>
internal static class TokenTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider NewTime() => new(Start);

    public static KeyRing NewRing(SigningAlgorithm algorithm = SigningAlgorithm.ES256, TimeProvider? time = null) =>
        new(new InMemoryKeyRingStore(), time ?? NewTime(), algorithm);

    public static TokenClaims Typical() => new(
        "PHB-RX-00000123", Guid.Parse("550e8400-e29b-41d4-a716-446655440000"), "1234567890",
        "Amoxicillin 500mg capsule", 21, Start.AddDays(30), "PHB-PH-001234");

    public static TokenClaims WorstCase() => new(
        "PHB-RX-99999999", Guid.Parse("ffffffff-ffff-4fff-bfff-ffffffffffff"), "9999999999",
        "Co-amoxiclav (amoxicillin/clavulanic acid) 875 mg/125 mg tablets", 9999, Start.AddDays(30), "PHB-PH-999999");

    /// <summary>The COSE message inside a token, taken apart.</summary>
    public static CoseEnvelope Open(string token)
    {
        var bytes = Base45.Decode(token.AsSpan(PrescriptionTokenCodec.Prefix.Length));
        return CoseEnvelope.TryParse(bytes, out var error) ?? throw new InvalidOperationException(error);
    }

    /// <summary>Reassembles a (possibly altered) message into a token; no signing happens here.</summary>
    public static string Seal(ulong tag, byte[] protectedBytes, byte[] payload, byte[] signature) =>
        PrescriptionTokenCodec.Prefix + Base45.Encode(CoseWriter.Encode(tag, protectedBytes, payload, signature));

    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string Utf8String(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    /// <summary>A protected header with a kid and no algorithm, which the codec must refuse.</summary>
    public static byte[] KidOnlyHeader(byte[] kid)
    {
        var writer = new System.Formats.Cbor.CborWriter(System.Formats.Cbor.CborConformanceMode.Strict);
        writer.WriteStartMap(1);
        writer.WriteInt32(CoseConstants.LabelKid);
        writer.WriteByteString(kid);
        writer.WriteEndMap();
        return writer.Encode();
    }
}
