using System.Text;
using System.Text.RegularExpressions;

namespace Eps.Benchmarks.Circuits;

/// <summary>
/// Finds prescription IDs in a render batch. Strings sit in the batch's string table as UTF-8, so an ASCII pattern over
/// the raw bytes finds every ID the batch adds to the DOM.
/// </summary>
internal static partial class PrescriptionIds
{
    public static IReadOnlyList<string> In(ReadOnlySpan<byte> batch)
    {
        if (batch.IndexOf("PHB-RX-"u8) < 0)
        {
            return [];
        }

        var text = Encoding.Latin1.GetString(batch);
        return Pattern().Matches(text).Select(m => m.Value).Distinct().ToList();
    }

    [GeneratedRegex(@"PHB-RX-\d{8}")]
    private static partial Regex Pattern();
}
