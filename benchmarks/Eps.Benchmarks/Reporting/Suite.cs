using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eps.Benchmarks.Reporting;

/// <summary>One headline figure of the suite, with its target where the issue sets one.</summary>
internal sealed record Figure(string Area, string Name, double Value, string Unit, string? Target, bool? Met);

/// <summary>
/// The whole benchmark suite in one command: each benchmark runs in its own process (so one's heap, threads and
/// connection pools do not colour the next one's figures), prints its own tables and saves its JSON; then the headline
/// figures are printed as one table and saved with every section's JSON in <c>artifacts/bench.json</c>.
/// </summary>
internal static class Suite
{
    private static readonly string[] Commands = ["tokens", "verify", "queue", "circuits", "spike", "faults"];

    public static async Task<int> RunAsync(TextWriter output, TextWriter progress)
    {
        var started = Stopwatch.StartNew();
        var failed = new List<string>();
        foreach (var command in Commands)
        {
            progress.WriteLine($"==> {command}");
            if (await RunChildAsync(command) != 0)
            {
                failed.Add(command);
            }

            output.WriteLine();
        }

        return await SummarizeAsync(failed, started.Elapsed, output);
    }

    /// <summary>The headline table and <c>artifacts/bench.json</c> from the sections' saved JSON files.</summary>
    public static async Task<int> SummarizeAsync(List<string> failed, TimeSpan elapsed, TextWriter output)
    {
        var sections = new JsonObject();
        foreach (var command in Commands)
        {
            var path = Path.Combine(Artifacts.RepositoryRoot, "artifacts", $"bench-{command}.json");
            sections[command] = File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path)) : null;
        }

        var figures = Headlines(sections);
        Print(figures, failed, elapsed, output);
        var saved = Artifacts.SaveFile("bench.json", new { machine = Artifacts.Machine, ranAt = DateTime.UtcNow, minutes = elapsed.TotalMinutes, failed, figures, sections });
        output.WriteLine($"Figures saved to {saved}");
        return failed.Count == 0 && figures.All(f => f.Met != false) ? 0 : 1;
    }

    private static async Task<int> RunChildAsync(string command)
    {
        using var process = Process.Start(SelfProcess.StartInfo([command]))!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static List<Figure> Headlines(JsonObject s)
    {
        var figures = new List<Figure>();
        void Add(string area, string name, JsonNode? value, string unit, string? target = null, Func<double, bool>? met = null)
        {
            if (value is not null)
            {
                var v = value.GetValue<double>();
                figures.Add(new Figure(area, name, v, unit, target, met?.Invoke(v)));
            }
        }

        if (s["tokens"] is { } t)
        {
            foreach (var name in new[] { "ES256 sign", "ES256 verify", "HS256 sign", "HS256 verify" })
            {
                Add("tokens", name, t["opsPerSecond"]?[name], "ops/s (one thread)");
            }

            var typical = t["sizes"]?.AsArray().FirstOrDefault(x => (string?)x?["algorithm"] == "ES256" && (string?)x?["claims"] == "typical");
            Add("tokens", "typical ES256 token, QR version", typical?["qrVersion"], "version (ECC M)");
        }

        if (s["verify"] is { } v)
        {
            Add("verify", "bare Kestrel JSON echo", v["echo"]?["requestsPerSecond"], "req/s");
            Add("verify", "POST /api/prescriptions/verify", v["verify"]?["requestsPerSecond"], "req/s");
            Add("verify", "verify / echo", v["ratio"], "ratio", "≥ 0.15", x => x >= 0.15);
            Add("verify", "verify p99", v["verify"]?["p99Ms"], "ms", "< 50", x => x < 50);
        }

        if (s["queue"] is { } q)
        {
            foreach (var query in q["queries"]?.AsArray() ?? [])
            {
                if ((string?)query?["scenario"] is { } scenario && scenario.StartsWith("Pending, first", StringComparison.Ordinal))
                {
                    Add("queue", $"first page + stats, {query!["totalPrescriptions"]!.GetValue<int>():N0} prescriptions, p95", query["ms"]?["p95"], "ms", "< 150", x => x < 150);
                }
            }

            Add("queue", "approval → row in one open queue (browser DOM), p95", q["push"]?["delayMs"]?["p95"], "ms", "< 100", x => x < 100);
        }

        if (s["circuits"] is { } c)
        {
            Add("circuits", "managed heap per pharmacist circuit", c["memory"]?["managedKbPerCircuit"], "KB", "< 500", x => x < 500);
            Add("circuits", "working set per pharmacist circuit", c["memory"]?["workingSetKbPerCircuit"], "KB");
            Add("circuits", "approval → last of 50 circuits' render sent, p95", c["fanOut"]?["lastSentMs"]?["p95"], "ms", "< 250", x => x < 250);
        }

        if (s["spike"] is { } p)
        {
            Add("spike", "approvals per second", p["approve"]?["perSecond"], "/s");
            Add("spike", "approval p95", p["approve"]?["latencyMs"]?["p95"], "ms");
            var spikeErrors = (p["submit"]?["errors"]?.GetValue<int>() ?? 0) + (p["approve"]?["errors"]?.GetValue<int>() ?? 0);
            Add("spike", "errors (submissions + approvals)", JsonValue.Create((double)spikeErrors), "", "0", x => x == 0);
            foreach (var mail in p["mail"]?.AsArray() ?? [])
            {
                Add("spike", $"emails to {(string?)mail?["recipient"]}: {(string?)mail?["kind"]}", mail?["queued"], "emails");
            }
        }

        if (s["faults"] is { } f && f["checks"]?.AsArray() is { } checks)
        {
            Add("faults", "invariants held", JsonValue.Create((double)checks.Count(x => x?["ok"]?.GetValue<bool>() == true)), $"of {checks.Count}",
                "all", x => (int)x == checks.Count);
        }

        return figures;
    }

    private static void Print(List<Figure> figures, List<string> failed, TimeSpan elapsed, TextWriter output)
    {
        Line(output, $"## Benchmark suite — {Artifacts.Machine}; {elapsed.TotalMinutes:0.0} min");
        output.WriteLine();
        output.WriteLine("| area | figure | value | unit | target | met |");
        output.WriteLine("|---|---|---:|---|---|:---:|");
        foreach (var f in figures)
        {
            var value = f.Value.ToString(f.Value >= 100 || f.Value == Math.Floor(f.Value) ? "N0" : f.Value >= 10 ? "0.0" : "0.###", CultureInfo.InvariantCulture);
            var met = f.Met switch { true => "yes", false => "**no**", null => "" };
            Line(output, $"| {f.Area} | {f.Name} | {value} | {f.Unit} | {f.Target ?? ""} | {met} |");
        }

        if (failed.Count > 0)
        {
            output.WriteLine();
            Line(output, $"Commands that exited with an error: {string.Join(", ", failed)}");
        }
    }

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
