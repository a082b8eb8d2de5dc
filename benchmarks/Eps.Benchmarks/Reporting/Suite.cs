using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Eps.Benchmarks.Databases;
using Eps.Benchmarks.Queue;

namespace Eps.Benchmarks.Reporting;

/// <summary>
/// One headline figure of the suite, with its target where the issue sets one: a value per database for the benchmarks
/// that run on both, or one value (<see cref="Sqlite"/>) for those that run once.
/// </summary>
internal sealed record Figure(string Area, string Name, double? Sqlite, double? Postgres, string Unit, string? Target, bool? SqliteMet, bool? PostgresMet)
{
    public bool PerDatabase { get; init; }

    public bool Missed => SqliteMet == false || PostgresMet == false;
}

/// <summary>One benchmark run of the suite: a command, and the database it runs on when it takes one.</summary>
internal sealed record Section(string Command, BenchEngine? Engine)
{
    public string Key => Engine is { } engine ? $"{Command}-{engine.Name()}" : Command;

    public IReadOnlyList<string> Arguments => Engine is { } engine ? [Command, "--database", engine.Name()] : [Command];
}

/// <summary>
/// The whole benchmark suite in one command: each benchmark runs in its own process (so one's heap, threads and
/// connection pools do not colour the next one's figures), prints its own tables and saves its JSON; verify, queue and
/// spike run on SQLite and then on PostgreSQL (a private cluster each run); scaleout runs once, on PostgreSQL. Then the headline figures are printed, the
/// database benchmarks side by side, and saved with every section's JSON in <c>artifacts/bench.json</c>.
/// </summary>
internal static class Suite
{
    private static readonly Section[] Sections =
    [
        new("tokens", null),
        new("verify", BenchEngine.Sqlite),
        new("verify", BenchEngine.Postgres),
        new("queue", BenchEngine.Sqlite),
        new("queue", BenchEngine.Postgres),
        new("circuits", null),
        new("spike", BenchEngine.Sqlite),
        new("spike", BenchEngine.Postgres),
        new("mail", BenchEngine.Sqlite),
        new("mail", BenchEngine.Postgres),
        new("faults", null),
        new("scaleout", null),
    ];

    public static async Task<int> RunAsync(TextWriter output, TextWriter progress)
    {
        var started = Stopwatch.StartNew();
        var failed = new List<string>();
        foreach (var section in Sections)
        {
            progress.WriteLine($"==> {string.Join(' ', section.Arguments)}");
            if (await RunChildAsync(section.Arguments) != 0)
            {
                failed.Add(section.Key);
            }

            output.WriteLine();
        }

        return await SummarizeAsync(failed, started.Elapsed, output);
    }

    /// <summary>The headline tables and <c>artifacts/bench.json</c> from the sections' saved JSON files.</summary>
    public static async Task<int> SummarizeAsync(List<string> failed, TimeSpan elapsed, TextWriter output)
    {
        var sections = new JsonObject();
        foreach (var section in Sections)
        {
            var path = Path.Combine(Artifacts.RepositoryRoot, "artifacts", $"bench-{section.Key}.json");
            sections[section.Key] = File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path)) : null;
        }

        var figures = Headlines(sections);
        Print(figures, failed, elapsed, sections, output);
        var saved = Artifacts.SaveFile("bench.json", new { machine = Artifacts.Machine, ranAt = DateTime.UtcNow, minutes = elapsed.TotalMinutes, failed, figures, sections });
        output.WriteLine($"Figures saved to {saved}");
        return failed.Count == 0 && !figures.Any(f => f.Missed) ? 0 : 1;
    }

    private static async Task<int> RunChildAsync(IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(SelfProcess.StartInfo(arguments))!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static List<Figure> Headlines(JsonObject s)
    {
        var figures = new List<Figure>();

        // A figure of a benchmark that runs once.
        void Add(string area, string name, JsonNode? value, string unit, string? target = null, Func<double, bool>? met = null)
        {
            if (value is not null)
            {
                var v = value.GetValue<double>();
                figures.Add(new Figure(area, name, v, null, unit, target, met?.Invoke(v), null));
            }
        }

        // A figure of a benchmark that runs on each database: the same path into each one's JSON.
        void Both(string area, string name, Func<JsonNode, JsonNode?> read, string unit, string? target = null, Func<double, bool>? met = null)
        {
            var sqlite = s[$"{area}-{BenchEngine.Sqlite.Name()}"] is { } a ? read(a)?.GetValue<double>() : null;
            var postgres = s[$"{area}-{BenchEngine.Postgres.Name()}"] is { } b ? read(b)?.GetValue<double>() : null;
            if (sqlite is not null || postgres is not null)
            {
                figures.Add(new Figure(area, name, sqlite, postgres, unit, target,
                    sqlite is { } x && met is not null ? met(x) : null, postgres is { } y && met is not null ? met(y) : null) { PerDatabase = true });
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

        Both("verify", "bare Kestrel JSON echo", v => v["echo"]?["requestsPerSecond"], "req/s");
        Both("verify", "POST /api/prescriptions/verify", v => v["verify"]?["requestsPerSecond"], "req/s");
        Both("verify", "verify / echo (median round)", v => v["ratio"], "ratio", "≥ 0.15", x => x >= 0.15);
        Both("verify", "verify / echo (lowest round)", v => v["rounds"]?.AsArray().Min(r => r?["ratio"]?.GetValue<double>()) is { } low
            ? JsonValue.Create(low) : null, "ratio (lowest)");
        Both("verify", "verify / echo (highest round)", v => v["rounds"]?.AsArray().Max(r => r?["ratio"]?.GetValue<double>()) is { } high
            ? JsonValue.Create(high) : null, "ratio (highest)");
        Both("verify", "verify p99", v => v["verify"]?["p99Ms"], "ms", "< 50", x => x < 50);
        Both("verify", "invariants held (attempts, audit entries, chain)", v => v["checks"] is JsonArray c
            ? JsonValue.Create((double)c.Count(x => x?["ok"]?.GetValue<bool>() == true))
            : null, "of 4", "all", x => x == 4);

        // The queue's scenarios at each size, in the order the queue command measures them.
        var scenarios = BenchEngines.All.Select(e => s[$"queue-{e.Name()}"]?["queries"]?.AsArray()).FirstOrDefault(q => q is not null) ?? [];
        foreach (var query in scenarios)
        {
            var (scenario, total) = ((string?)query?["scenario"], query?["totalPrescriptions"]?.GetValue<int>());
            if (scenario is null || total is null || (total < 1_000_000 && !scenario.StartsWith("Pending, first", StringComparison.Ordinal)))
            {
                continue;
            }

            Both("queue", $"{scenario} + stats, {total:N0} prescriptions, p95",
                q => q["queries"]?.AsArray().FirstOrDefault(x => (string?)x?["scenario"] == scenario && x?["totalPrescriptions"]?.GetValue<int>() == total)?["ms"]?["p95"],
                "ms", "< 50", x => x < QueueBenchmark.QueryTargetMs);
        }

        Both("queue", "approval → row in one open queue (browser DOM), p95", q => q["push"]?["delayMs"]?["p95"], "ms", "< 100", x => x < 100);

        if (s["circuits"] is { } c)
        {
            Add("circuits", "managed heap per pharmacist circuit", c["memory"]?["managedKbPerCircuit"], "KB", "< 500", x => x < 500);
            Add("circuits", "working set per pharmacist circuit", c["memory"]?["workingSetKbPerCircuit"], "KB");
            Add("circuits", "approval → last of 50 circuits' render sent, p95", c["fanOut"]?["lastSentMs"]?["p95"], "ms", "< 250", x => x < 250);
        }

        Both("spike", "patient submissions per second", p => p["submit"]?["perSecond"], "/s");
        Both("spike", "approvals per second", p => p["approve"]?["perSecond"], "/s");
        Both("spike", "approval p95", p => p["approve"]?["latencyMs"]?["p95"], "ms");
        Both("spike", "errors (submissions + approvals)", p => JsonValue.Create(
            (double)((p["submit"]?["errors"]?.GetValue<int>() ?? 0) + (p["approve"]?["errors"]?.GetValue<int>() ?? 0))), "", "0", x => x == 0);
        Both("spike", "audit chain intact after the spike (1 = yes)", p => p["chainIntact"] is { } i ? JsonValue.Create(i.GetValue<bool>() ? 1.0 : 0.0) : null,
            "", "1", x => x == 1);
        Both("spike", "emails to patients: approved", p => p["mail"]?.AsArray()
            .FirstOrDefault(m => (string?)m?["kind"] == "patient.approved")?["queued"], "emails");

        Both("mail", "outbox drain of 5,000 emails into SMTP", m => m["perSecond"], "emails/s", "≥ 500", x => x >= 500);
        Both("mail", "emails sent twice or missing", m => JsonValue.Create((double)((m["duplicates"]?.GetValue<int>() ?? 0) + (m["missing"]?.GetValue<int>() ?? 0))),
            "", "0", x => x == 0);

        if (s["faults"] is { } f && f["checks"]?.AsArray() is { } checks)
        {
            Add("faults", "invariants held (SQLite)", JsonValue.Create((double)checks.Count(x => x?["ok"]?.GetValue<bool>() == true)), $"of {checks.Count}",
                "all", x => (int)x == checks.Count);
        }

        // Once, on PostgreSQL: two instances from the deployment files behind HAProxy, sharing Redis.
        if (s["scaleout"] is { } so)
        {
            var (split, aOnly) = ((string?)so["split"]?["layout"], (string?)so["aOnly"]?["layout"]);
            Add("scaleout", $"approval on A → last circuit of {split}, p50 (PostgreSQL)", so["split"]?["fromAnswerMs"]?["p50"], "ms");
            Add("scaleout", $"approval on A → last circuit of {split}, p95 (PostgreSQL)", so["split"]?["fromAnswerMs"]?["p95"], "ms");
            Add("scaleout", $"approval on A → last circuit of {aOnly}, p95 (PostgreSQL)", so["aOnly"]?["fromAnswerMs"]?["p95"], "ms");
            Add("scaleout", "verify through HAProxy, 1 instance, median round (PostgreSQL)", so["verify"]?["oneInstance"]?["median"], "req/s");
            Add("scaleout", "verify through HAProxy, 2 instances, median round (PostgreSQL)", so["verify"]?["twoInstances"]?["median"], "req/s");
            Add("scaleout", "verify 2 instances / 1 instance, median round (same cores)", so["verify"]?["ratio"]?["median"], "ratio");
        }

        return figures;
    }

    private static void Print(List<Figure> figures, List<string> failed, TimeSpan elapsed, JsonObject sections, TextWriter output)
    {
        Line(output, $"## Benchmark suite — {Artifacts.Machine}; {elapsed.TotalMinutes:0.0} min");
        var version = (string?)sections[$"verify-{BenchEngine.Postgres.Name()}"]?["databaseVersion"];
        if (version is not null)
        {
            Line(output, $"PostgreSQL: {version.Split(" on ")[0]}, a private cluster per run (deploy/postgres.sh: synchronous_commit=off, server defaults otherwise)");
        }

        output.WriteLine();
        output.WriteLine("### On each database");
        output.WriteLine();
        output.WriteLine("| area | figure | SQLite | PostgreSQL | unit | target | met (SQLite / PostgreSQL) |");
        output.WriteLine("|---|---|---:|---:|---|---|:---:|");
        foreach (var f in figures.Where(f => f.PerDatabase))
        {
            Line(output, $"| {f.Area} | {f.Name} | {Value(f.Sqlite)} | {Value(f.Postgres)} | {f.Unit} | {f.Target ?? ""} | {(f.Target is null ? "" : $"{Met(f.SqliteMet)} / {Met(f.PostgresMet)}")} |");
        }

        output.WriteLine();
        output.WriteLine("### Once (no database, SQLite, or PostgreSQL where the figure says so)");
        output.WriteLine();
        output.WriteLine("| area | figure | value | unit | target | met |");
        output.WriteLine("|---|---|---:|---|---|:---:|");
        foreach (var f in figures.Where(f => !f.PerDatabase))
        {
            Line(output, $"| {f.Area} | {f.Name} | {Value(f.Sqlite)} | {f.Unit} | {f.Target ?? ""} | {(f.Target is null ? "" : Met(f.SqliteMet))} |");
        }

        if (failed.Count > 0)
        {
            output.WriteLine();
            Line(output, $"Commands that exited with an error: {string.Join(", ", failed)}");
        }
    }

    private static string Value(double? value) => value is not { } v
        ? "–"
        : v.ToString(v >= 100 || v == Math.Floor(v) ? "N0" : v >= 10 ? "0.0" : "0.###", CultureInfo.InvariantCulture);

    private static string Met(bool? met) => met switch { true => "yes", false => "**no**", null => "–" };

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
