using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Eps.Core.Reporting;

/// <summary>
/// Every CSV Eps writes (the register, the audit trail, the catalogue): RFC 4180 with CRLF line ends, quoted where
/// needed, and a cell that a spreadsheet would run as a formula prefixed with an apostrophe.
/// </summary>
public static class CsvExport
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.Escape,
        InjectionEscapeCharacter = '\'',
    };

    /// <summary>A header record, then one record per row with the cells <paramref name="cells"/> gives.</summary>
    public static string Write<T>(IReadOnlyList<string> header, IEnumerable<T> rows, Func<T, IEnumerable<string>> cells)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var record in rows.Select(cells).Prepend(header))
            {
                foreach (var cell in record)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }
}
