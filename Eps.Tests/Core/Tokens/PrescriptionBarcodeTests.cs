using System.Globalization;
using System.Text.RegularExpressions;
using Eps.Core.Tokens;
using ZXing;
using ZXing.Common;

namespace Eps.Tests.Core.Tokens;

public sealed partial class PrescriptionBarcodeTests
{
    [Fact]
    public void The_SVG_is_inline_markup_that_scales_by_its_viewBox()
    {
        var svg = PrescriptionBarcode.Code128Svg("PHB-RX-12345678");

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal); // no XML prolog or DOCTYPE inside an HTML page
        var openTag = svg[..svg.IndexOf('>', StringComparison.Ordinal)];
        Assert.Matches(@"viewBox=""0 0 \d+ \d+""", openTag);
        Assert.DoesNotMatch(@"\s(width|height)=", openTag); // the page decides the printed size
        Assert.Contains("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>", svg, StringComparison.Ordinal);
        Assert.EndsWith("</svg>", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PHB-RX-12345678")]
    [InlineData("PHB-RX-00000001")]
    public void The_bars_decode_back_to_the_prescription_ID_with_a_quiet_zone_of_ten_modules(string rxNumber)
    {
        var svg = PrescriptionBarcode.Code128Svg(rxNumber);
        var viewBox = ViewBox().Match(svg);
        var width = int.Parse(viewBox.Groups[1].Value, CultureInfo.InvariantCulture);
        var bars = Bar().Matches(svg)
            .Select(m => (X: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Width: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();

        Assert.Equal(10, bars.Min(b => b.X));
        Assert.Equal(10, width - bars.Max(b => b.X + b.Width));

        // Rasterise at 3 px per module, 30 rows, and read it back as a counter scanner would.
        const int scale = 3, rows = 30;
        var pixels = new byte[width * scale * rows];
        Array.Fill(pixels, (byte)255);
        for (var row = 0; row < rows; row++)
        {
            foreach (var (x, w) in bars)
            {
                Array.Fill(pixels, (byte)0, (row * width * scale) + (x * scale), w * scale);
            }
        }

        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.CODE_128], PureBarcode = true } };
        var result = reader.Decode(new RGBLuminanceSource(pixels, width * scale, rows, RGBLuminanceSource.BitmapFormat.Gray8));

        Assert.NotNull(result);
        Assert.Equal(rxNumber, result.Text);
    }

    [GeneratedRegex(@"viewBox=""0 0 (\d+) (\d+)""")]
    private static partial Regex ViewBox();

    [GeneratedRegex(@"<rect x=""(\d+)"" y=""0"" width=""(\d+)""")]
    private static partial Regex Bar();
}
