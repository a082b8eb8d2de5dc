using System.Globalization;
using Eps.Benchmarks.Databases;
using Eps.Benchmarks.Reporting;

namespace Eps.Benchmarks.Queue;

/// <summary>Prints the queue report as markdown and saves it as <c>artifacts/bench-queue-&lt;database&gt;.json</c> at the repository root.</summary>
internal static class QueueReportWriter
{
    /// <summary>Statements at least this slow (p50) get their SQL and the engine's plan printed, for index work.</summary>
    private const double SlowStatementMs = 20;

    public static void Print(QueueReport report, TextWriter output)
    {
        var o = report.Options;
        Line(output, $"{report.Machine}; {report.DatabaseVersion}");
        output.WriteLine();
        Line(output, $"### Queue first page + stats on {Label(report)}, p95 ms by prescriptions in the database — QueueQuery.PageAsync(pharmacy, filter, 0, 25), warm, {o.Calls} calls each, {o.Pending:N0} pending at the measured pharmacy");
        output.WriteLine();
        var sizes = report.Queries.Select(q => q.TotalPrescriptions).Distinct().Order().ToList();
        output.WriteLine($"| scenario | {string.Join(" | ", sizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} | largest / smallest | target < {QueueBenchmark.QueryTargetMs:0} ms |");
        output.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---:|"))}---:|:---:|");
        foreach (var scenario in report.Queries.GroupBy(q => q.Scenario))
        {
            var p95 = sizes.Select(n => scenario.FirstOrDefault(q => q.TotalPrescriptions == n)?.Ms.P95).ToList();
            var growth = p95[0] is > 0 && p95[^1] is { } last ? (last / p95[0]!.Value).ToString("0.00", CultureInfo.InvariantCulture) : "";
            Line(output, $"| {scenario.Key} | {string.Join(" | ", p95.Select(v => v is { } x ? Ms(x) : ""))} | {growth} | {Verdict(scenario.All(q => q.Ms.P95 < QueueBenchmark.QueryTargetMs))} |");
        }

        output.WriteLine();
        output.WriteLine("| scenario | prescriptions in DB | matching rows | p50 ms | p95 ms | max ms | SQL p50 ms (stats + rows) | target < 50 ms |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var q in report.Queries)
        {
            var statements = string.Join(" + ", q.Statements.Select(s => Ms(s.Ms.P50)));
            Line(output, $"| {q.Scenario} | {q.TotalPrescriptions:N0} | {q.MatchingRows:N0} | {Ms(q.Ms.P50)} | {Ms(q.Ms.P95)} | {Ms(q.Ms.Max)} | {statements} | {Verdict(q.Ms.P95 < QueueBenchmark.QueryTargetMs)} |");
        }

        output.WriteLine();
        Line(output, $"Seeding ({report.SeedMethod}; each prescription with its request and item): {report.Patients:N0} patients {report.PatientSeconds:0.0} s");
        foreach (var s in report.Seeding)
        {
            Line(output, $"- +{s.Added:N0} prescriptions → {s.TotalPrescriptions:N0}: {s.Seconds:0.0} s ({s.Added / s.Seconds:N0} prescriptions/s)");
        }

        var p = report.Push;
        output.WriteLine();
        Line(output, $"### Approval committed → row in the open queue's DOM on {Label(report)} — one pharmacist queue in headless chromium, {p.Approvals} approvals");
        output.WriteLine();
        output.WriteLine("| approvals | p50 ms | p95 ms | max ms | mean ms | approve call p50 ms | clock sync RTT p50 ms | target p95 < 100 ms |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|:---:|");
        Line(output, $"| {p.DelayMs.Count} | {Ms(p.DelayMs.P50)} | {Ms(p.DelayMs.P95)} | {Ms(p.DelayMs.Max)} | {Ms(p.DelayMs.Mean)} | {Ms(p.ApproveCallMs.P50)} | {Ms(p.ClockSyncRttMs.P50)} | {Verdict(p.DelayMs.P95 < QueueBenchmark.PushTargetMs)} |");
        output.WriteLine();
        Line(output, $"Method: {p.Method}");

        foreach (var q in report.Queries)
        {
            foreach (var s in q.Statements.Where(s => s.Ms.P50 >= SlowStatementMs))
            {
                output.WriteLine();
                Line(output, $"#### Slow statement ({Ms(s.Ms.P50)} ms p50): {q.Scenario} at {q.TotalPrescriptions:N0}");
                output.WriteLine("```sql");
                output.WriteLine(s.Sql.Trim());
                output.WriteLine("```");
                output.WriteLine("```");
                output.Write(s.Plan);
                output.WriteLine("```");
            }
        }
    }

    /// <summary>Writes the JSON next to the other build outputs of the repository; returns its path.</summary>
    public static string Save(QueueReport report) => Artifacts.Save($"queue-{report.Database}", report);

    private static string Label(QueueReport report) => BenchEngines.LabelOf(report.Database);

    private static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Verdict(bool met) => met ? "yes" : "**no**";

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
