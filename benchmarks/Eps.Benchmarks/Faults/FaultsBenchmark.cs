using System.Diagnostics;
using System.Globalization;
using Eps.Benchmarks.Reporting;
using Microsoft.Data.Sqlite;

namespace Eps.Benchmarks.Faults;

/// <summary>Options of the faults command.</summary>
internal sealed record FaultOptions(int Rounds, int Seed);

/// <summary>
/// <c>faults [--rounds 5] [--seed N]</c>: the fault scenarios with real processes, a real SQLite file and a real SMTP
/// server on 127.0.0.1 — SIGKILL mid-stream with restarts, two instances on one database, SMTP down then up. Prints
/// the results as markdown, saves <c>artifacts/bench-faults.json</c> and exits 1 if any invariant is broken.
/// </summary>
internal static class FaultsBenchmark
{
    public static bool TryParse(ReadOnlySpan<string> args, out FaultOptions options)
    {
        options = new FaultOptions(5, Environment.TickCount & 0xFFFF);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--rounds":
                    options = options with { Rounds = value };
                    break;
                case "--seed":
                    options = options with { Seed = value };
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    public static async Task<int> RunAsync(FaultOptions options, TextWriter output, TextWriter log)
    {
        var ranAt = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var root = Path.Combine(Path.GetTempPath(), "eps-bench", "faults-" + Guid.NewGuid().ToString("N")[..8]);
        var checks = new List<Check>();
        var figures = new Dictionary<string, object> { ["seed"] = options.Seed };
        List<KillRound> rounds = [];
        try
        {
            log.WriteLine($"SIGKILL mid-stream, {options.Rounds} rounds (seed {options.Seed})…");
            var kill = await KillRestart.RunAsync(options.Rounds, new Random(options.Seed), Path.Combine(root, "kill"), log);
            (rounds, figures["sigkill"]) = (kill.Rounds, kill.Figures);
            checks.AddRange(kill.Checks);

            log.WriteLine("Two instances on one database…");
            var two = await TwoInstances.RunAsync(Path.Combine(root, "two"), log);
            figures["two_instances"] = two.Figures;
            checks.AddRange(two.Checks);

            log.WriteLine("SMTP down for the whole stream, then up…");
            var outage = await SmtpOutage.RunAsync(Path.Combine(root, "outage"), log);
            figures["smtp_outage"] = outage.Figures;
            checks.AddRange(outage.Checks);
        }
#pragma warning disable CA1031 // A scenario that cannot finish is itself a broken invariant: reported, saved, exit 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            checks.Add(new Check("run", "scenario finished", e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" "), "yes", false));
        }

        var report = FaultReport.Create(ranAt, watch.Elapsed, rounds, checks, figures);
        output.WriteLine();
        report.Print(output);
        output.WriteLine();
        output.WriteLine($"Saved {Artifacts.Save("faults", report)}");
        SqliteConnection.ClearAllPools();
        TryDelete(root);
        return report.Ok ? 0 : 1;
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
