using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Benchmarks.Databases;
using Eps.Benchmarks.Queue;
using Eps.Benchmarks.Reporting;
using Eps.Core.Audit;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Throughput;

/// <summary>Sizes of the verify throughput run; <paramref name="Profile"/> adds a CPU-profiled round after the measured ones.</summary>
internal sealed record VerifyOptions(int Connections, int Threads, int Seconds, int Tokens, int Rounds, bool Profile = false)
{
    public static readonly IReadOnlyDictionary<string, int> Defaults =
        new Dictionary<string, int> { ["connections"] = 32, ["threads"] = 2, ["seconds"] = 10, ["tokens"] = 200, ["rounds"] = 5 };

    public static bool TryParse(ReadOnlySpan<string> args, out VerifyOptions options)
    {
        var rest = args.ToArray().Where(a => a != "--profile").ToArray();
        var ok = Args.TryParse(rest, Defaults, out var v);
        options = new VerifyOptions(v["connections"], v["threads"], v["seconds"], v["tokens"], v["rounds"], rest.Length < args.Length);
        return ok;
    }
}

/// <summary>One round: the echo, then verify, back to back, so both see the same machine.</summary>
internal sealed record VerifyRound(LoadFigure Echo, LoadFigure Verify)
{
    public double Ratio => Verify.RequestsPerSecond / Echo.RequestsPerSecond;
}

/// <summary>One invariant of the run, checked after the load: whether it held and the numbers behind it.</summary>
internal sealed record VerifyCheck(string Name, bool Ok, string Detail);

/// <summary>Everything the verify command measured.</summary>
internal sealed record VerifyReport(
    string Machine, string Database, string DatabaseVersion, VerifyOptions Options, int BodyBytes, IReadOnlyList<VerifyRound> Rounds,
    LoadFigure Echo, LoadFigure Verify, double Ratio, long VerifyAnswered, long AuditEntriesWritten, long AttemptsWritten, bool ChainIntact,
    double ChainCheckSeconds, IReadOnlyList<VerifyCheck> Checks, CpuProfileReport? Profile = null)
{
    public bool InvariantsHeld => Checks.All(c => c.Ok);
}

/// <summary>Rows of the tables the verify path writes, counted once the app is quiet.</summary>
internal readonly record struct VerifyCounts(long Attempts, long VerificationEntries, long AuditEntries);

/// <summary>
/// <c>POST /api/prescriptions/verify</c> (ES256 check, prescription lookup, attempt + audit-chain append) against a bare
/// Kestrel JSON echo of the same bodies, with the same wrk client in the same run. The app runs in Production on a data
/// folder (and, on PostgreSQL, a database) seeded in Development beforehand; the rate limiter stays in the pipeline with
/// a limit the load cannot reach. After the load the run checks that every answered verification has its attempt and
/// its audit entry committed and that the audit chain is intact, on either engine.
/// </summary>
internal static class VerifyBenchmark
{
    public const double RatioTarget = 0.15;
    public const double P99TargetMs = 50;

    public static async Task<VerifyReport> RunAsync(VerifyOptions options, BenchEngine engine, TextWriter progress)
    {
        await Wrk.EnsureInstalledAsync(progress);
        await using var database = await BenchDatabase.StartAsync(engine, progress);
        var settings = await database.CreateAsync("verify");
        var dataPath = Path.Combine(Path.GetTempPath(), "eps-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var bodies = await IssueAsync(dataPath, settings, options.Tokens, progress);
            var report = await MeasureAsync(dataPath, settings, database.ServerCpu, bodies, options, progress);
            return report with { Database = engine.Name(), DatabaseVersion = database.Version };
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    /// <summary>Seeds the demo data and approves <paramref name="count"/> prescriptions; returns one verify body per token.</summary>
    private static async Task<List<string>> IssueAsync(string dataPath, IReadOnlyDictionary<string, string> database, int count, TextWriter progress)
    {
        await using var app = new BenchApp("Development", dataPath, database: database);
        progress.WriteLine($"verify: issuing {count} prescriptions on {app.Engine.Label()} at {app.BaseUrl} ...");
        var approver = await Approver.CreateAsync(app.Services);
        var clock = new BenchClock();
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add((await approver.ApproveAsync(clock)).PrescriptionId);
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        var tokens = await db.Prescriptions.Where(p => ids.Contains(p.RxNumber)).Select(p => p.Token).ToListAsync();
        return [.. tokens.Select(t => JsonSerializer.Serialize(new { token = t }))];
    }

    private static async Task<VerifyReport> MeasureAsync(string dataPath, IReadOnlyDictionary<string, string> database,
        Func<TimeSpan?> databaseCpu, List<string> bodies, VerifyOptions o, TextWriter progress)
    {
        await using var app = new BenchApp("Production", dataPath, new Dictionary<string, string>
        {
            ["RateLimits:VerifyPermitsPerMinute"] = "1000000000",
        }, database);
        await using var echo = await EchoServer.StartAsync();
        var verifyUrl = app.BaseUrl + "/api/prescriptions/verify";
        await CheckAsync(verifyUrl, echo.Url, bodies[0]);

        async Task<LoadFigure> LoadAsync(string target, string url, int seconds)
        {
            progress.WriteLine($"verify: wrk -t{o.Threads} -c{o.Connections} -d{seconds}s {target} ...");
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var dbCpu = url == verifyUrl ? databaseCpu() : null;
            var figure = await Wrk.RunAsync(target, url, bodies, o.Threads, o.Connections, seconds);
            self.Refresh();
            return figure with
            {
                ServerCpuMicros = (self.TotalProcessorTime - cpu).TotalMicroseconds / figure.Requests,
                DatabaseCpuMicros = dbCpu is { } before ? (databaseCpu()!.Value - before).TotalMicroseconds / figure.Requests : null,
            };
        }

        // Each side is warmed to a steady state (JIT, tiered PGO, connection and statement caches, the kernel's socket
        // buffers) before anything is measured: short runs until two in a row agree within 5 %. An echo warmed less
        // than verify made the first round's ratio twice the others'. Warm-up runs are not reported.
        async Task WarmAsync(string target, string url)
        {
            var last = 0.0;
            for (var run = 1; run <= 8; run++)
            {
                var rate = (await LoadAsync($"{target} (warm-up {run})", url, 3)).RequestsPerSecond;
                if (last > 0 && Math.Abs(rate - last) <= 0.05 * last)
                {
                    return;
                }

                last = rate;
            }
        }

        await WarmAsync("echo", echo.Url);
        await WarmAsync("verify", verifyUrl);

        // Interleaved rounds: a machine that gets busier or quieter during the run moves both figures of a round alike.
        // Counted once the warm-up's last requests have finished, so the difference is exactly the measured rounds' rows.
        var before = await SettledCountAsync(app.Services);
        var rounds = new List<VerifyRound>();
        for (var i = 0; i < o.Rounds; i++)
        {
            rounds.Add(new VerifyRound(
                await LoadAsync("bare Kestrel JSON echo", echo.Url, o.Seconds),
                await LoadAsync("POST /api/prescriptions/verify", verifyUrl, o.Seconds)));
        }

        var after = await SettledCountAsync(app.Services);
        var median = rounds.OrderBy(r => r.Ratio).ElementAt(rounds.Count / 2);

        progress.WriteLine("verify: checking the audit chain ...");
        var started = TimeProvider.System.GetTimestamp();
        var chain = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync(default);
        var chainSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        var profile = o.Profile ? await ProfileAsync(() => LoadAsync("POST /api/prescriptions/verify (profiled)", verifyUrl, o.Seconds),
            median.Verify.ServerCpuMicros, progress) : null;

        var answered = rounds.Sum(r => r.Verify.Requests - r.Verify.Non2xx);
        var attempts = after.Attempts - before.Attempts;
        var entries = after.VerificationEntries - before.VerificationEntries;
        return new VerifyReport(Artifacts.Machine, "", "", o, System.Text.Encoding.UTF8.GetByteCount(bodies[0]), rounds, median.Echo, median.Verify,
            median.Ratio, answered, after.AuditEntries - before.AuditEntries, attempts, chain.Intact, chainSeconds,
            Checks(rounds, o, answered, attempts, entries, after.AuditEntries - before.AuditEntries, chain.Intact), profile);
    }

    /// <summary>One more verify round under an EventPipe CPU sampling session on this process, split by <see cref="CpuProfile"/>.</summary>
    private static async Task<CpuProfileReport> ProfileAsync(Func<Task<LoadFigure>> load, double measuredMicros, TextWriter progress)
    {
        var path = Path.Combine(Path.GetTempPath(), $"eps-verify-{Guid.NewGuid():N}.nettrace");
        try
        {
            LoadFigure round;
            await using (CpuProfile.Start(path))
            {
                round = await load();
            }

            progress.WriteLine($"verify: reading the profile ({new FileInfo(path).Length / 1e6:0.0} MB) ...");
            return CpuProfile.Analyze(path, round, measuredMicros);
        }
        finally
        {
            foreach (var file in new[] { path, path + ".etlx" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// The invariants of the verify path under load. A 200 answer is sent only once its attempt and audit entry are
    /// committed, so the attempts written are at least the answers wrk counted; wrk stops each run with up to one request
    /// per connection in flight (answered by the server, not counted by wrk), and a timed-out request may still have
    /// been written, which bounds them from above. Each attempt has exactly one audit entry, and nothing else appends to
    /// the chain during the run.
    /// </summary>
    private static List<VerifyCheck> Checks(List<VerifyRound> rounds, VerifyOptions o, long answered, long attempts, long verificationEntries,
        long auditEntries, bool chainIntact)
    {
        var inFlight = (long)o.Rounds * o.Connections + rounds.Sum(r => r.Verify.SocketErrors);
        var non2xx = rounds.Sum(r => r.Verify.Non2xx);
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        return
        [
            new("every verify answered 2xx", non2xx == 0, $"{N(non2xx)} non-2xx answers"),
            new("every answered verification's attempt committed", attempts >= answered && attempts <= answered + inFlight,
                $"{N(attempts)} attempts written for {N(answered)} answers counted by wrk (at most {N(inFlight)} more in flight at the ends of the runs)"),
            new("one audit entry per attempt", verificationEntries == attempts && auditEntries == attempts,
                $"{N(verificationEntries)} verification entries, {N(auditEntries)} audit entries in all, {N(attempts)} attempts"),
            new("audit chain intact", chainIntact, chainIntact ? "every entry's hash and link checked" : "the chain is broken"),
        ];
    }

    /// <summary>Both endpoints answer 200 before any load: a benchmark of error responses would measure nothing.</summary>
    private static async Task CheckAsync(string verifyUrl, string echoUrl, string body)
    {
        using var client = new HttpClient();
        foreach (var url in new[] { verifyUrl, echoUrl })
        {
            using var response = await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || (url == verifyUrl && !text.Contains("\"valid\":true", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {text}");
            }
        }
    }

    /// <summary>The counts once two readings 200 ms apart agree: the journal has committed every request that reached it.</summary>
    private static async Task<VerifyCounts> SettledCountAsync(IServiceProvider services)
    {
        var last = await CountAsync(services);
        while (true)
        {
            await Task.Delay(200);
            var now = await CountAsync(services);
            if (now == last)
            {
                return now;
            }

            last = now;
        }
    }

    private static async Task<VerifyCounts> CountAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        return new VerifyCounts(await db.VerificationAttempts.LongCountAsync(), await db.AuditEntries.LongCountAsync(e => e.Kind == "verification"),
            await db.AuditEntries.LongCountAsync());
    }
}
