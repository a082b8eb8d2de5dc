using System.Globalization;

namespace Eps.Benchmarks.Circuits;

/// <summary>Sizes of the circuits command; the defaults are the figures (at least 50 circuits, 30 approvals).</summary>
internal sealed record CircuitsOptions(int Circuits = 50, int Approvals = 30)
{
    public static bool TryParse(ReadOnlySpan<string> args, out CircuitsOptions options)
    {
        options = new CircuitsOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--circuits": options = options with { Circuits = value }; break;
                case "--approvals": options = options with { Approvals = value }; break;
                default: return false;
            }
        }

        return true;
    }
}
