using ZXing;
using ZXing.Common;

namespace Eps.Core.Tokens;

/// <summary>Renders a prescription ID as a CODE128 barcode in SVG, for the printed token page and counter scanners.</summary>
public static class PrescriptionBarcode
{
    // CODE128 needs a quiet zone of at least 10 module widths on each side.
    private const int QuietZoneModules = 10;

    // Bar height in modules: about a quarter of the width of a 15-character ID, tall enough for a hand scanner.
    private const int BarHeightModules = 48;

    /// <summary>
    /// An inline SVG scaled by its viewBox only (one unit per module, no pixel size), bars drawn over an explicit
    /// white rectangle so the quiet zone stays white wherever the page puts it.
    /// </summary>
    public static string Code128Svg(string rxNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rxNumber);

        // Width 0 keeps the writer at one unit per module: no rounding spreads the leftover width unevenly.
        var writer = new BarcodeWriterSvg
        {
            Format = BarcodeFormat.CODE_128,
            Options = new EncodingOptions { Width = 0, Height = BarHeightModules, Margin = QuietZoneModules, PureBarcode = true },
        };
        var markup = writer.Write(rxNumber).Content;

        // Drop the XML prolog, comment and DOCTYPE: the SVG is embedded in an HTML page.
        var start = markup.IndexOf("<svg", StringComparison.Ordinal);
        var svg = start > 0 ? markup[start..] : markup;

        // A CSS background does not print by default; a white rect always does.
        var openTagEnd = svg.IndexOf('>', StringComparison.Ordinal) + 1;
        svg = string.Concat(
            svg.AsSpan(0, openTagEnd),
            "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
            svg.AsSpan(openTagEnd));

        // ZXing.Net 0.16 sizes the SVG by viewBox only (no width/height), so the page decides the printed size.
        return svg;
    }
}
