using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Eps.Core.Reporting;

namespace Eps.Core.Drugs;

/// <summary>One data row of an imported catalogue: where it starts in the file and what it says.</summary>
public sealed record CatalogueCsvRow(int Line, DrugDraft Draft, bool? Retired);

/// <summary>What is wrong with one line of an imported catalogue; <see cref="Field"/> is its column, when one is to blame.</summary>
public sealed record CatalogueCsvError(int Line, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"Line {Line}: {Message}" : $"Line {Line}, {Field}: {Message}";
}

/// <summary>
/// The drug catalogue as CSV (RFC 4180: CRLF line ends, a header row, quoted where needed). Cells a spreadsheet would
/// run as formulas are written with a leading apostrophe, which reading takes off again, so export → import is exact.
/// </summary>
public static class CatalogueCsv
{
    public const int MaxRows = 5_000;
    public const int MaxChars = 2_000_000;
    public const string Active = "active";
    public const string Retired = "retired";

    /// <summary>The columns in the order written; all but <c>status</c> must be present to import.</summary>
    public static readonly string[] Header = ["generic_name", "strengths", "form", "category", "schedule", "risk_level", "status"];

    private const string Formula = "=+-@\t\r";

    public static string ToCsv(IEnumerable<Drug> drugs) => CsvExport.Write(Header, drugs, d => (string[])
    [
        d.GenericName, d.Strengths, d.Form, d.Category, DrugDraftRules.Code(d.Schedule), DrugDraftRules.Code(d.RiskLevel),
        d.RetiredAt is null ? Active : Retired,
    ]);

    /// <summary>Reads every row, checking each; the errors name the line each row starts on (the header is line 1).</summary>
    public static (IReadOnlyList<CatalogueCsvRow> Rows, IReadOnlyList<CatalogueCsvError> Errors) Parse(string text)
    {
        var rows = new List<CatalogueCsvRow>();
        var errors = new List<CatalogueCsvError>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(1, null, "The file is empty; it needs a header row: " + string.Join(',', Header) + "."));
            return (rows, errors);
        }

        if (text.Length > MaxChars)
        {
            errors.Add(new(1, null, $"The file is too large: import at most {MaxChars / 1_000_000} MB at a time."));
            return (rows, errors);
        }

        var badData = false;
        var read = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            BadDataFound = _ => badData = true,
            IgnoreBlankLines = true,
        };
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        using var parser = new CsvParser(reader, read);
        Dictionary<string, int>? columns = null;
        while (parser.Read())
        {
            var line = StartLine(parser);
            var record = parser.Record ?? [];
            if (badData)
            {
                errors.Add(new(line, null, "A quote is out of place: a field that holds quotes or commas is quoted as a whole, with inner quotes doubled."));
                badData = false;
            }
            else if (columns is null)
            {
                columns = ReadHeader(record, line, errors);
                if (columns is null)
                {
                    return (rows, errors);
                }
            }
            else if (rows.Count + errors.Count >= MaxRows)
            {
                errors.Add(new(line, null, $"Import at most {MaxRows} rows at a time."));
                return (rows, errors);
            }
            else if (record.Length != columns.Count)
            {
                errors.Add(new(line, null, $"Expected {columns.Count} fields as in the header, found {record.Length}."));
            }
            else if (ReadRow(record, columns, line, errors) is { } row)
            {
                rows.Add(row);
            }
        }

        if (columns is null)
        {
            errors.Add(new(1, null, "The file has no header row: " + string.Join(',', Header) + "."));
        }

        return (rows, errors);
    }

    private static Dictionary<string, int>? ReadHeader(string[] record, int line, List<CatalogueCsvError> errors)
    {
        var names = record.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var unknown = names.Where(n => !Header.Contains(n)).ToList();
        var missing = Header[..^1].Where(h => !names.Contains(h)).ToList();
        var twice = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || twice.Count > 0)
        {
            var problems = new[]
            {
                missing.Count > 0 ? "missing " + string.Join(", ", missing) : null,
                unknown.Count > 0 ? "unknown " + string.Join(", ", unknown.Select(u => u.Length == 0 ? "(blank)" : u)) : null,
                twice.Count > 0 ? "repeated " + string.Join(", ", twice) : null,
            };
            errors.Add(new(line, null, $"The header row must name the columns {string.Join(',', Header)} (status is optional): "
                + string.Join("; ", problems.OfType<string>()) + "."));
            return null;
        }

        return names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
    }

    private static CatalogueCsvRow? ReadRow(string[] record, Dictionary<string, int> columns, int line, List<CatalogueCsvError> errors)
    {
        string Cell(string column) => columns.TryGetValue(column, out var i) ? Unescape(record[i]).Trim() : "";

        var found = new List<CatalogueCsvError>();
        if (!DrugDraftRules.TryParseSchedule(Cell("schedule"), out var schedule))
        {
            found.Add(new(line, "schedule", "The NAFDAC schedule is none, 2 or 3."));
        }

        if (!DrugDraftRules.TryParseRisk(Cell("risk_level"), out var risk))
        {
            found.Add(new(line, "risk_level", "The risk level is low, moderate, moderate_high or high."));
        }

        bool? retired = Cell("status").ToLowerInvariant() switch
        {
            "" when !columns.ContainsKey("status") => null,
            Active => false,
            Retired => true,
            _ => null,
        };
        if (columns.ContainsKey("status") && retired is null)
        {
            found.Add(new(line, "status", "The status is active or retired."));
        }

        var draft = new DrugDraft(Cell("generic_name"), Cell("strengths"), Cell("form"), Cell("category"), schedule, risk).Normalized();
        found.AddRange(DrugDraftRules.Validate(draft).Where(e => e.Key is not ("schedule" or "risk_level")).Select(e => new CatalogueCsvError(line, e.Key, e.Value)));
        errors.AddRange(found.OrderBy(e => Array.IndexOf(Header, e.Field)));
        return found.Count == 0 ? new CatalogueCsvRow(line, draft, retired) : null;
    }

    /// <summary>Takes off the apostrophe the export put before a formula-like cell.</summary>
    private static string Unescape(string field) =>
        field.Length > 1 && field[0] == '\'' && Formula.Contains(field[1], StringComparison.Ordinal) ? field[1..] : field;

    /// <summary>The line a record starts on: the parser counts lines to the record's end, and a quoted field may hold line breaks.</summary>
    private static int StartLine(CsvParser parser)
    {
        var raw = parser.RawRecord.TrimEnd('\r', '\n');
        return parser.RawRow - raw.Count(c => c == '\n');
    }
}
