using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text.Json;
using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

/// <summary>What a third party can do with nothing but the published JWKS and a standard COSE library.</summary>
public sealed class OfflineVerificationTests
{
    [Fact]
    public void A_token_verifies_with_the_JWKS_alone()
    {
        using var ring = TokenTestKit.NewRing();
        var codec = new PrescriptionTokenCodec(ring);
        var token = codec.Issue(TokenTestKit.WorstCase());
        var rotated = ring.Rotate(SigningAlgorithm.ES256);
        var newer = codec.Issue(TokenTestKit.Typical());
        var jwksJson = JsonSerializer.Serialize(ring.GetPublicJwks()); // all an offline verifier downloads

        Assert.True(VerifyOffline(jwksJson, token));
        Assert.True(VerifyOffline(jwksJson, newer));
        Assert.Equal(rotated.Kid, codec.Read(newer).Kid);
    }

    [Fact]
    public void The_offline_check_rejects_a_tampered_token()
    {
        using var ring = TokenTestKit.NewRing();
        var m = TokenTestKit.Open(new PrescriptionTokenCodec(ring).Issue(TokenTestKit.Typical()));
        var payload = (byte[])m.Payload.Clone();
        payload[^1] ^= 1;

        Assert.False(VerifyOffline(JsonSerializer.Serialize(ring.GetPublicJwks()), TokenTestKit.Seal(18, m.ProtectedBytes, payload, m.Signature)));
    }

    /// <summary>What a pharmacy's own system does with the published JWKS alone: no Eps code, only .NET's COSE and ECDsa.</summary>
    internal static bool VerifyOffline(string jwksJson, string token)
    {
        var message = CoseMessage.DecodeSign1(Base45.Decode(token.AsSpan("EPS1:".Length)));
        var kid = System.Text.Encoding.UTF8.GetString(message.ProtectedHeaders[CoseHeaderLabel.KeyIdentifier].GetValueAsBytes());
        Assert.Equal(-7, message.ProtectedHeaders[CoseHeaderLabel.Algorithm].GetValueAsInt32());

        using var jwks = JsonDocument.Parse(jwksJson);
        var jwk = jwks.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == kid);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()),
                Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()),
            },
        });
        return message.VerifyEmbedded(ecdsa);
    }
}
