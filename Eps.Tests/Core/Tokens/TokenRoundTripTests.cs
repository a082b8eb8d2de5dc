using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class TokenRoundTripTests
{
    [Theory]
    [InlineData(SigningAlgorithm.ES256, 18ul)]
    [InlineData(SigningAlgorithm.HS256, 17ul)]
    public void Issued_token_reads_back_valid_with_the_same_claims(SigningAlgorithm algorithm, ulong coseTag)
    {
        using var ring = TokenTestKit.NewRing(algorithm);
        var codec = new PrescriptionTokenCodec(ring);
        var claims = TokenTestKit.Typical();

        var token = codec.Issue(claims);
        var result = codec.Read(token);

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(claims, result.Claims);
        Assert.Equal(ring.Active.Kid, result.Kid);
        Assert.Equal(algorithm, result.Algorithm);
        Assert.Null(result.Error);
        Assert.StartsWith("EPS1:", token, StringComparison.Ordinal);
        Assert.Equal(coseTag, TokenTestKit.Open(token).Tag);
    }

    [Fact]
    public void Token_uses_only_QR_alphanumeric_characters()
    {
        using var ring = TokenTestKit.NewRing();
        var token = new PrescriptionTokenCodec(ring).Issue(TokenTestKit.WorstCase());

        Assert.All(token, c => Assert.Contains(c, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"));
    }

    [Fact]
    public void Expiry_travels_as_whole_seconds_and_unicode_survives()
    {
        using var ring = TokenTestKit.NewRing();
        var codec = new PrescriptionTokenCodec(ring);
        var claims = TokenTestKit.Typical() with { Expiry = TokenTestKit.Start.AddMilliseconds(1_234), Medication = "Paracétamol 500 mg – ½ tablet" };

        var read = codec.Read(codec.Issue(claims));

        Assert.Equal(claims with { Expiry = TokenTestKit.Start.AddSeconds(1) }, read.Claims);
    }

    [Fact]
    public void Each_issue_of_an_ES256_token_is_freshly_signed_but_both_verify()
    {
        using var ring = TokenTestKit.NewRing();
        var codec = new PrescriptionTokenCodec(ring);

        var first = codec.Issue(TokenTestKit.Typical());
        var second = codec.Issue(TokenTestKit.Typical());

        Assert.NotEqual(first, second); // ECDSA signatures are randomised
        Assert.True(codec.Read(first).IsValid);
        Assert.True(codec.Read(second).IsValid);
    }

    [Theory]
    [InlineData("", "1234567890", "Amoxicillin", "PHB-PH-1", 1)]
    [InlineData("PHB-RX-1", "123 456 7890", "Amoxicillin", "PHB-PH-1", 1)]
    [InlineData("PHB-RX-1", "1234567890", " ", "PHB-PH-1", 1)]
    [InlineData("PHB-RX-1", "1234567890", "Amoxicillin", "", 1)]
    [InlineData("PHB-RX-1", "1234567890", "Amoxicillin", "PHB-PH-1", -1)]
    public void Refuses_to_sign_ill_formed_claims(string id, string hpn, string medication, string pharmacy, int quantity)
    {
        using var ring = TokenTestKit.NewRing();
        var claims = new TokenClaims(id, Guid.NewGuid(), hpn, medication, quantity, TokenTestKit.Start, pharmacy);

        Assert.ThrowsAny<ArgumentException>(() => new PrescriptionTokenCodec(ring).Issue(claims));
    }

    [Fact]
    public void Refuses_a_token_too_big_for_a_version_12_QR()
    {
        using var ring = TokenTestKit.NewRing();
        var claims = TokenTestKit.Typical() with { Medication = new string('x', 200) };

        var error = Assert.Throws<ArgumentException>(() => new PrescriptionTokenCodec(ring).Issue(claims));
        Assert.Contains("version 12", error.Message, StringComparison.Ordinal);
    }
}
