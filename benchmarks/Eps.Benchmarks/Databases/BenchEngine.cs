namespace Eps.Benchmarks.Databases;

/// <summary>The database engines the verify, queue and spike benchmarks run on (<c>--database sqlite|postgres</c>).</summary>
internal enum BenchEngine
{
    Sqlite,
    Postgres,
}

internal static class BenchEngines
{
    public static IReadOnlyList<BenchEngine> All { get; } = [BenchEngine.Sqlite, BenchEngine.Postgres];

    /// <summary>The name on the command line and in the saved JSON files' names.</summary>
    public static string Name(this BenchEngine engine) => engine == BenchEngine.Postgres ? "postgres" : "sqlite";

    /// <summary>The name in printed tables.</summary>
    public static string Label(this BenchEngine engine) => engine == BenchEngine.Postgres ? "PostgreSQL" : "SQLite";

    /// <summary>The printed name of the engine a report names by <see cref="Name"/>.</summary>
    public static string LabelOf(string name) => All.FirstOrDefault(e => e.Name() == name).Label();

    /// <summary>
    /// Takes <c>--database sqlite|postgres</c> (default sqlite) out of <paramref name="args"/>; the benchmark's own
    /// options are left in <paramref name="rest"/>.
    /// </summary>
    public static bool TryTake(ReadOnlySpan<string> args, out BenchEngine engine, out string[] rest)
    {
        engine = BenchEngine.Sqlite;
        var others = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--database")
            {
                others.Add(args[i]);
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : null;
            var known = All.Where(e => e.Name() == value).ToList();
            if (known.Count == 0)
            {
                rest = [];
                return false;
            }

            engine = known[0];
        }

        rest = [.. others];
        return true;
    }
}
