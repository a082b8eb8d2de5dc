using System.Text;
using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class Base45Tests
{
    [Theory]
    [InlineData("AB", "BB8")]
    [InlineData("Hello!!", "%69 VD92EX0")]
    [InlineData("base-45", "UJCLQE7W581")]
    [InlineData("ietf!", "QED8WEX0")]
    [InlineData("", "")]
    public void Matches_the_RFC_9285_vectors(string plain, string encoded)
    {
        Assert.Equal(encoded, Base45.Encode(Encoding.UTF8.GetBytes(plain)));
        Assert.Equal(plain, Encoding.UTF8.GetString(Base45.Decode(encoded)));
    }

    [Fact]
    public void Random_bytes_round_trip_at_every_length()
    {
        var random = new Random(45);
        for (var length = 0; length < 600; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var text = Base45.Encode(data);
            Assert.Equal(length / 2 * 3 + length % 2 * 2, text.Length);
            Assert.Equal(data, Base45.Decode(text));
        }
    }

    [Fact]
    public void Extreme_values_round_trip()
    {
        Assert.Equal("FGW", Base45.Encode([0xFF, 0xFF]));
        Assert.Equal([0xFF, 0xFF], Base45.Decode("FGW"));
        Assert.Equal("000", Base45.Encode([0, 0]));
        Assert.Equal("U5", Base45.Encode([0xFF]));
    }

    [Theory]
    [InlineData("GGW")] // 65536 + ...: a triple above 0xFFFF (RFC 9285 section 4.3)
    [InlineData("::")] // a pair above 0xFF
    [InlineData("A")] // a dangling single character
    [InlineData("BB8A")]
    [InlineData("bb8")] // lowercase is not in the alphabet
    [InlineData("BB#")]
    [InlineData("BBé")]
    public void Rejects_invalid_text(string text)
    {
        Assert.False(Base45.TryDecode(text, out _));
        Assert.Throws<FormatException>(() => Base45.Decode(text));
    }
}
