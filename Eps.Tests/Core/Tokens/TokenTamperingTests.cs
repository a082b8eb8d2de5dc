using System.Security.Cryptography;
using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class TokenTamperingTests
{
    private const ulong Sign1 = 18, Mac0 = 17;

    [Theory]
    [InlineData(SigningAlgorithm.ES256)]
    [InlineData(SigningAlgorithm.HS256)]
    public void Any_flipped_payload_bit_is_a_bad_signature(SigningAlgorithm algorithm)
    {
        using var ring = TokenTestKit.NewRing(algorithm);
        var codec = new PrescriptionTokenCodec(ring);
        var m = TokenTestKit.Open(codec.Issue(TokenTestKit.Typical()));

        for (var i = 0; i < m.Payload.Length; i++)
        {
            var payload = (byte[])m.Payload.Clone();
            payload[i] ^= 0x01;
            var result = codec.Read(TokenTestKit.Seal(m.Tag, m.ProtectedBytes, payload, m.Signature));
            Assert.Equal(TokenStatus.BadSignature, result.Status);
            Assert.Null(result.Claims);
        }
    }

    [Theory]
    [InlineData(SigningAlgorithm.ES256)]
    [InlineData(SigningAlgorithm.HS256)]
    public void A_flipped_signature_byte_is_a_bad_signature(SigningAlgorithm algorithm)
    {
        using var ring = TokenTestKit.NewRing(algorithm);
        var codec = new PrescriptionTokenCodec(ring);
        var m = TokenTestKit.Open(codec.Issue(TokenTestKit.Typical()));

        foreach (var i in new[] { 0, m.Signature.Length / 2, m.Signature.Length - 1 })
        {
            var signature = (byte[])m.Signature.Clone();
            signature[i] ^= 0x80;
            Assert.Equal(TokenStatus.BadSignature, codec.Read(TokenTestKit.Seal(m.Tag, m.ProtectedBytes, m.Payload, signature)).Status);
        }

        Assert.Equal(TokenStatus.BadSignature, codec.Read(TokenTestKit.Seal(m.Tag, m.ProtectedBytes, m.Payload, m.Signature[..^1])).Status);
    }

    [Fact]
    public void Naming_another_existing_key_is_a_bad_signature()
    {
        using var ring = TokenTestKit.NewRing();
        var codec = new PrescriptionTokenCodec(ring);
        var original = ring.Active;
        var m = TokenTestKit.Open(codec.Issue(TokenTestKit.Typical()));
        var otherEs256 = ring.Rotate(SigningAlgorithm.ES256);
        var otherHs256 = ring.Rotate(SigningAlgorithm.HS256);

        var asEs256 = CoseWriter.EncodeProtected(-7, TokenTestKit.Utf8(otherEs256.Kid));
        var asHs256 = CoseWriter.EncodeProtected(-7, TokenTestKit.Utf8(otherHs256.Kid));

        Assert.Equal(TokenStatus.BadSignature, codec.Read(TokenTestKit.Seal(Sign1, asEs256, m.Payload, m.Signature)).Status);
        Assert.Equal(TokenStatus.BadSignature, codec.Read(TokenTestKit.Seal(Sign1, asHs256, m.Payload, m.Signature)).Status);
        Assert.Equal(TokenStatus.Valid, codec.Read(TokenTestKit.Seal(Sign1, m.ProtectedBytes, m.Payload, m.Signature)).Status);
        Assert.Equal(original.Kid, TokenTestKit.Utf8String(m.Kid!));
    }

    [Fact]
    public void Naming_an_unknown_key_is_unknown_key()
    {
        using var ring = TokenTestKit.NewRing();
        var codec = new PrescriptionTokenCodec(ring);
        var m = TokenTestKit.Open(codec.Issue(TokenTestKit.Typical()));

        var result = codec.Read(TokenTestKit.Seal(Sign1, CoseWriter.EncodeProtected(-7, TokenTestKit.Utf8("zzzz9999")), m.Payload, m.Signature));
        var noKid = codec.Read(TokenTestKit.Seal(Sign1, CoseWriter.EncodeProtected(-7, []), m.Payload, m.Signature));

        Assert.Equal(TokenStatus.UnknownKey, result.Status);
        Assert.Equal("zzzz9999", result.Kid);
        Assert.Equal(TokenStatus.UnknownKey, noKid.Status);
    }

    [Theory]
    [InlineData(SigningAlgorithm.ES256, Sign1, null, 0)] // no alg, empty signature: JOSE's "none"
    [InlineData(SigningAlgorithm.ES256, Sign1, 0L, 0)] // alg 0 (reserved)
    [InlineData(SigningAlgorithm.ES256, Sign1, -7L, 0)] // right alg, no signature
    [InlineData(SigningAlgorithm.HS256, Mac0, null, 0)]
    [InlineData(SigningAlgorithm.HS256, Mac0, 5L, 0)]
    [InlineData(SigningAlgorithm.HS256, Mac0, 4L, 8)] // HMAC 256/64 (truncated tag) is not accepted
    public void Unsigned_or_weakened_tokens_are_bad_signatures(SigningAlgorithm algorithm, ulong tag, long? alg, int signatureLength)
    {
        using var ring = TokenTestKit.NewRing(algorithm);
        var codec = new PrescriptionTokenCodec(ring);
        var m = TokenTestKit.Open(codec.Issue(TokenTestKit.Typical()));
        var kid = TokenTestKit.Utf8(ring.Active.Kid);
        var forged = TokenTestKit.Seal(tag, alg is { } a ? CoseWriter.EncodeProtected(a, kid) : TokenTestKit.KidOnlyHeader(kid), m.Payload, new byte[signatureLength]);

        var result = codec.Read(forged);

        Assert.Equal(TokenStatus.BadSignature, result.Status);
        Assert.Null(result.Claims);
    }

    [Fact]
    public void A_mac_keyed_with_an_ES256_public_key_is_a_bad_signature()
    {
        using var ring = TokenTestKit.NewRing();
        var codec = new PrescriptionTokenCodec(ring);
        var jwk = ring.Active.PublicJwk!;
        var x = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.X);
        var y = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.Y);
        using var publicKey = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        var payload = TokenTestKit.Open(codec.Issue(TokenTestKit.Typical())).Payload;

        // What an attacker holds: the published key, as SubjectPublicKeyInfo or as x||y, used as an HMAC secret.
        foreach (var secret in new[] { publicKey.ExportSubjectPublicKeyInfo(), [.. x, .. y] })
        {
            foreach (var alg in new long[] { 5, -7 })
            {
                var protectedBytes = CoseWriter.EncodeProtected(alg, TokenTestKit.Utf8(jwk.Kid));
                var mac = HMACSHA256.HashData(secret, CoseWriter.ToBeSigned("MAC0", protectedBytes, payload));
                Assert.Equal(TokenStatus.BadSignature, codec.Read(TokenTestKit.Seal(Mac0, protectedBytes, payload, mac)).Status);
            }
        }
    }

    [Fact]
    public void A_Sign1_naming_an_HS256_key_is_a_bad_signature()
    {
        using var ring = TokenTestKit.NewRing(SigningAlgorithm.HS256);
        var codec = new PrescriptionTokenCodec(ring);
        var m = TokenTestKit.Open(codec.Issue(TokenTestKit.Typical()));

        Assert.Equal(TokenStatus.BadSignature, codec.Read(TokenTestKit.Seal(Sign1, m.ProtectedBytes, m.Payload, m.Signature)).Status);
    }

    [Fact]
    public void Validly_signed_but_incomplete_claims_are_malformed()
    {
        using var ring = TokenTestKit.NewRing(SigningAlgorithm.HS256);
        var codec = new PrescriptionTokenCodec(ring);
        var key = ring.Active;
        var protectedBytes = CoseWriter.EncodeProtected(5, TokenTestKit.Utf8(key.Kid));
        byte[] payload = [0xA1, 0x01, 0x61, 0x41]; // {1: "A"}: signed by us, yet missing claims
        var mac = key.Material.Sign(CoseWriter.ToBeSigned("MAC0", protectedBytes, payload));

        var result = codec.Read(TokenTestKit.Seal(Mac0, protectedBytes, payload, mac));

        Assert.Equal(TokenStatus.Malformed, result.Status);
        Assert.Equal(key.Kid, result.Kid);
    }
}
