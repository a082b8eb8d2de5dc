using System.Globalization;
using Eps.Benchmarks.Reporting;

namespace Eps.Benchmarks.Faults;

/// <summary>One invariant as measured: what was found against what must hold.</summary>
internal sealed record Check(string Scenario, string Name, string Found, string Expected, bool Ok);

/// <summary>One kill/restart round of the SIGKILL scenario.</summary>
internal sealed record KillRound(
    int Round, int KilledAfterMs, int ApprovalsAcknowledged, int DispensesAcknowledged, int ConflictsAcknowledged, int WorkerErrors,
    int PendingAfterRestart, double DrainSeconds, bool AuditIntact, string AuditMessage);

/// <summary>Everything the faults command measured, as saved to <c>artifacts/bench-faults.json</c>.</summary>
internal sealed record FaultReport(
    string Machine, DateTime RanAt, double Seconds, IReadOnlyList<KillRound> Rounds, IReadOnlyList<Check> Checks,
    IReadOnlyDictionary<string, object> Figures)
{
    public bool Ok => Checks.All(c => c.Ok);

    public void Print(TextWriter o)
    {
        o.WriteLine($"Faults: {Machine}; {Seconds:F0} s in all.");
        o.WriteLine();
        o.WriteLine("SIGKILL rounds (the worker is killed at a random moment of the stream, then restarted on the same data):");
        o.WriteLine();
        o.WriteLine("| round | killed after | approvals committed | dispenses committed (200) | lost races (409) | outbox pending after restart | drained in | audit chain |");
        o.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in Rounds)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Round} | {r.KilledAfterMs:N0} ms | {r.ApprovalsAcknowledged} | {r.DispensesAcknowledged} | {r.ConflictsAcknowledged} | {r.PendingAfterRestart} | {r.DrainSeconds:F1} s | {(r.AuditIntact ? "intact" : "BROKEN")} |"));
        }

        o.WriteLine();
        o.WriteLine("| scenario | check | found | expected | |");
        o.WriteLine("|---|---|---:|---:|---|");
        foreach (var c in Checks)
        {
            o.WriteLine($"| {c.Scenario} | {c.Name} | {c.Found} | {c.Expected} | {(c.Ok ? "ok" : "**FAIL**")} |");
        }

        o.WriteLine();
        o.WriteLine(Ok ? "All invariants hold." : $"{Checks.Count(c => !c.Ok)} invariant(s) broken.");
    }

    public static FaultReport Create(DateTime ranAt, TimeSpan elapsed, IReadOnlyList<KillRound> rounds, IReadOnlyList<Check> checks,
        IReadOnlyDictionary<string, object> figures) =>
        new(Artifacts.Machine, ranAt, Math.Round(elapsed.TotalSeconds, 1), rounds, checks, figures);
}

/// <summary>Collects the checks of one scenario.</summary>
internal sealed class Checks(string scenario)
{
    public List<Check> All { get; } = [];

    /// <summary>A count that must be exactly <paramref name="expected"/>.</summary>
    public void Equal(string name, long found, long expected) =>
        All.Add(new(scenario, name, N(found), N(expected), found == expected));

    /// <summary>A figure reported as it is, never a failure (e.g. at-least-once duplicates).</summary>
    public void Info(string name, string found, string expected) => All.Add(new(scenario, name, found, expected, true));

    public void True(string name, bool ok, string found, string expected) => All.Add(new(scenario, name, found, expected, ok));

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
