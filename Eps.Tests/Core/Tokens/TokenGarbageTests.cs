using System.Formats.Cbor;
using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class TokenGarbageTests : IDisposable
{
    private const string Alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private readonly KeyRing _ring = TokenTestKit.NewRing();
    private readonly PrescriptionTokenCodec _codec;

    public TokenGarbageTests() => _codec = new PrescriptionTokenCodec(_ring);

    public void Dispose() => _ring.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EPS1:")]
    [InlineData("EPS1")]
    [InlineData("eps1:BB8")]
    [InlineData("EPS2:BB8")]
    [InlineData("EPS1:BB8")]
    [InlineData("EPS1:bb8")]
    [InlineData("EPS1:{\"alg\":\"none\"}")]
    [InlineData("EPS1:A")]
    [InlineData("EPS1:GGW")]
    [InlineData("PHB-RX-00000123")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpZCI6MX0.")]
    public void Junk_is_malformed(string? token) => AssertMalformed(token);

    [Fact]
    public void A_100_KB_token_is_malformed() => AssertMalformed("EPS1:" + new string('A', 100 * 1024));

    [Fact]
    public void Random_alphanumeric_strings_are_malformed()
    {
        var random = new Random(1);
        for (var i = 0; i < 500; i++)
        {
            var body = new string([.. Enumerable.Range(0, random.Next(0, 400)).Select(_ => Alphanumeric[random.Next(Alphanumeric.Length)])]);
            AssertMalformed(body);
            AssertMalformed("EPS1:" + body);
        }
    }

    [Fact]
    public void Valid_Base45_of_random_bytes_is_malformed()
    {
        var random = new Random(2);
        for (var i = 0; i < 1_000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 1)
            {
                bytes[0] = 0xD2; // tag 18, so the reader gets past the first check
                bytes[1] = 0x84;
            }

            AssertMalformed("EPS1:" + Base45.Encode(bytes));
        }
    }

    [Fact]
    public void Structurally_wrong_COSE_is_malformed()
    {
        var m = TokenTestKit.Open(_codec.Issue(TokenTestKit.Typical()));
        var writer = new CborWriter();
        writer.WriteTag((CborTag)18);
        writer.WriteStartArray(4);
        writer.WriteByteString(m.ProtectedBytes);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteNull(); // detached payload: not supported
        writer.WriteByteString(m.Signature);
        writer.WriteEndArray();
        AssertMalformed("EPS1:" + Base45.Encode(writer.Encode()));

        var untagged = CoseWriter.Encode(18, m.ProtectedBytes, m.Payload, m.Signature)[1..];
        AssertMalformed("EPS1:" + Base45.Encode(untagged));

        var trailing = CoseWriter.Encode(18, m.ProtectedBytes, m.Payload, m.Signature).Append((byte)0).ToArray();
        AssertMalformed("EPS1:" + Base45.Encode(trailing));
    }

    [Fact]
    public void Mutating_a_valid_token_never_throws_and_never_passes()
    {
        var token = _codec.Issue(TokenTestKit.Typical());
        var random = new Random(3);
        for (var i = 0; i < 2_000; i++)
        {
            var chars = token.ToCharArray();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                chars[random.Next(5, chars.Length)] = Alphanumeric[random.Next(Alphanumeric.Length)];
            }

            var mutated = new string(chars);
            var result = _codec.Read(mutated);
            Assert.True(mutated == token || result.Status != TokenStatus.Valid, mutated);
            Assert.True(result.Status == TokenStatus.Valid || result.Claims is null);
        }

        AssertMalformed(token[..^1]);
        AssertMalformed(token[..(token.Length / 2)]);
    }

    private void AssertMalformed(string? token)
    {
        var result = _codec.Read(token!);
        Assert.Equal(TokenStatus.Malformed, result.Status);
        Assert.Null(result.Claims);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }
}
