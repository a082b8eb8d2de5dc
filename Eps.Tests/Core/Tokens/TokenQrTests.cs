using Eps.Core.Tokens;
using StbImageSharp;
using Xunit.Abstractions;
using ZXing;
using ZXing.Common;

namespace Eps.Tests.Core.Tokens;

public sealed class TokenQrTests(ITestOutputHelper output)
{
    // ISO/IEC 18004 alphanumeric capacity at ECC M, versions 1-16. Byte mode holds ~40% less: a 300-char token would need v14.
    private static readonly int[] AlphanumericCapacityM = [20, 38, 61, 90, 122, 154, 178, 221, 262, 311, 366, 419, 483, 528, 600, 656];

    [Theory]
    [InlineData(SigningAlgorithm.ES256, false, 10)]
    [InlineData(SigningAlgorithm.ES256, true, 12)]
    [InlineData(SigningAlgorithm.HS256, false, 10)]
    [InlineData(SigningAlgorithm.HS256, true, 12)]
    public void Tokens_fit_the_webcam_limit_in_alphanumeric_mode(SigningAlgorithm algorithm, bool worstCase, int maxVersion)
    {
        using var ring = TokenTestKit.NewRing(algorithm);
        var token = new PrescriptionTokenCodec(ring).Issue(worstCase ? TokenTestKit.WorstCase() : TokenTestKit.Typical());

        var qr = TokenQr.Render(token);

        var alphanumericVersion = Array.FindIndex(AlphanumericCapacityM, c => c >= token.Length) + 1;
        output.WriteLine($"{algorithm} {(worstCase ? "worst case" : "typical")}: {token.Length} chars, QR version {qr.Version} at ECC M");
        Assert.InRange(qr.Version, 1, maxVersion);
        Assert.Equal(alphanumericVersion, qr.Version);
        Assert.Equal(qr.Version, TokenQr.VersionOf(token));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_rendered_PNG_decodes_back_to_the_token(bool worstCase)
    {
        using var ring = TokenTestKit.NewRing();
        var codec = new PrescriptionTokenCodec(ring);
        var token = codec.Issue(worstCase ? TokenTestKit.WorstCase() : TokenTestKit.Typical());

        var image = ImageResult.FromMemory(TokenQr.RenderPng(token, pixelsPerModule: 4), ColorComponents.Grey);
        // A rendered code is a pure barcode (no perspective, one code, quiet zone): ZXing's finder-pattern search for
        // photos misses about 1 in 40 random tokens at 4 px per module, while the pure-barcode reader reads them all.
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], PureBarcode = true } };
        var result = reader.Decode(new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8));

        Assert.NotNull(result);
        Assert.Equal(token, result.Text);
        Assert.Equal(TokenStatus.Valid, codec.Read(result.Text).Status);
    }

    [Fact]
    public void The_SVG_scales_and_has_a_white_background_and_a_quiet_zone()
    {
        using var ring = TokenTestKit.NewRing();
        var token = new PrescriptionTokenCodec(ring).Issue(TokenTestKit.Typical());

        var qr = TokenQr.Render(token, pixelsPerModule: 1);

        var side = 17 + 4 * qr.Version + 2 * 4; // modules plus a 4-module quiet zone on each side
        var svgTag = qr.Svg[..qr.Svg.IndexOf('>', StringComparison.Ordinal)];
        Assert.Contains($"viewBox=\"0 0 {side} {side}\"", svgTag, StringComparison.Ordinal);
        Assert.DoesNotContain("width=", svgTag, StringComparison.Ordinal); // the page decides the printed size
        Assert.Contains($"<rect x=\"0\" y=\"0\" width=\"{side}\" height=\"{side}\" fill=\"#ffffff\"/>", qr.Svg, StringComparison.Ordinal);
        Assert.Contains("d=\"M4 4h7v1h-7z", qr.Svg, StringComparison.Ordinal); // the finder pattern starts 4 modules in
    }
}
