using System.Globalization;

namespace Eps.Benchmarks.Queue;

/// <summary>Sizes of the queue benchmark; the defaults are the figures.</summary>
internal sealed record QueueOptions(int Total = 10_000_000, int Pending = 10_000, int Approvals = 60, int Calls = 50)
{
    /// <summary>The smaller databases measured first, to show the query time does not grow with the total.</summary>
    public const int FirstCheckpoint = 100_000;

    private static readonly int[] Sizes = [FirstCheckpoint, 1_000_000];

    public IReadOnlyList<int> Checkpoints => [.. Sizes.Where(size => size < Total), Total];

    public static bool TryParse(ReadOnlySpan<string> args, out QueueOptions options)
    {
        options = new QueueOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--total": options = options with { Total = value }; break;
                case "--pending": options = options with { Pending = value }; break;
                case "--approvals": options = options with { Approvals = value }; break;
                case "--calls": options = options with { Calls = value }; break;
                default: return false;
            }
        }

        return options.Pending <= Math.Min(options.Total, FirstCheckpoint) && options.Calls >= 30;
    }
}
