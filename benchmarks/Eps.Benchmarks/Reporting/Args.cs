using System.Globalization;

namespace Eps.Benchmarks.Reporting;

/// <summary>Reads <c>--name value</c> pairs of positive integers; unknown names and bad values are refused.</summary>
internal static class Args
{
    public static bool TryParse(ReadOnlySpan<string> args, IReadOnlyDictionary<string, int> defaults, out IReadOnlyDictionary<string, int> values)
    {
        var read = new Dictionary<string, int>(defaults);
        values = read;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal) || !read.ContainsKey(args[i][2..])
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            read[args[i][2..]] = value;
        }

        return true;
    }
}
