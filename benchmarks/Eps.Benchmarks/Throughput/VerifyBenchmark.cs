using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Benchmarks.Queue;
using Eps.Benchmarks.Reporting;
using Eps.Core.Audit;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Throughput;

/// <summary>Sizes of the verify throughput run.</summary>
internal sealed record VerifyOptions(int Connections, int Threads, int Seconds, int Tokens, int Rounds)
{
    public static readonly IReadOnlyDictionary<string, int> Defaults =
        new Dictionary<string, int> { ["connections"] = 32, ["threads"] = 2, ["seconds"] = 10, ["tokens"] = 200, ["rounds"] = 3 };

    public static bool TryParse(ReadOnlySpan<string> args, out VerifyOptions options)
    {
        var ok = Args.TryParse(args, Defaults, out var v);
        options = new VerifyOptions(v["connections"], v["threads"], v["seconds"], v["tokens"], v["rounds"]);
        return ok;
    }
}

/// <summary>One round: the echo, then verify, back to back, so both see the same machine.</summary>
internal sealed record VerifyRound(LoadFigure Echo, LoadFigure Verify)
{
    public double Ratio => Verify.RequestsPerSecond / Echo.RequestsPerSecond;
}

/// <summary>Everything the verify command measured.</summary>
internal sealed record VerifyReport(
    string Machine, VerifyOptions Options, int BodyBytes, IReadOnlyList<VerifyRound> Rounds, LoadFigure Echo, LoadFigure Verify, double Ratio,
    long AuditEntriesWritten, long AttemptsWritten, bool ChainIntact, double ChainCheckSeconds);

/// <summary>
/// <c>POST /api/prescriptions/verify</c> (ES256 check, prescription lookup, attempt + audit-chain append on SQLite) against a
/// bare Kestrel JSON echo of the same bodies, with the same wrk client in the same run. The app runs in Production on a
/// data folder seeded in Development beforehand; the rate limiter stays in the pipeline with a limit the load cannot reach.
/// </summary>
internal static class VerifyBenchmark
{
    public const double RatioTarget = 0.15;
    public const double P99TargetMs = 50;

    public static async Task<VerifyReport> RunAsync(VerifyOptions options, TextWriter progress)
    {
        await Wrk.EnsureInstalledAsync(progress);
        var dataPath = Path.Combine(Path.GetTempPath(), "eps-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var bodies = await IssueAsync(dataPath, options.Tokens, progress);
            return await MeasureAsync(dataPath, bodies, options, progress);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    /// <summary>Seeds the demo data and approves <paramref name="count"/> prescriptions; returns one verify body per token.</summary>
    private static async Task<List<string>> IssueAsync(string dataPath, int count, TextWriter progress)
    {
        await using var app = new BenchApp("Development", dataPath);
        progress.WriteLine($"verify: issuing {count} prescriptions at {app.BaseUrl} ...");
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

    private static async Task<VerifyReport> MeasureAsync(string dataPath, List<string> bodies, VerifyOptions o, TextWriter progress)
    {
        await using var app = new BenchApp("Production", dataPath, new Dictionary<string, string>
        {
            ["RateLimits:VerifyPermitsPerMinute"] = "1000000000",
        });
        await using var echo = await EchoServer.StartAsync();
        var verifyUrl = app.BaseUrl + "/api/prescriptions/verify";
        await CheckAsync(verifyUrl, echo.Url, bodies[0]);

        async Task<LoadFigure> LoadAsync(string target, string url, int seconds)
        {
            progress.WriteLine($"verify: wrk -t{o.Threads} -c{o.Connections} -d{seconds}s {target} ...");
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var figure = await Wrk.RunAsync(target, url, bodies, o.Threads, o.Connections, seconds);
            self.Refresh();
            return figure with { ServerCpuMicros = (self.TotalProcessorTime - cpu).TotalMicroseconds / figure.Requests };
        }

        // Warm-up runs (JIT, tiered PGO, connection and statement caches) are not reported.
        await LoadAsync("echo (warm-up)", echo.Url, 3);
        await LoadAsync("verify (warm-up)", verifyUrl, 3);

        // Interleaved rounds: a machine that gets busier or quieter during the run moves both figures of a round alike.
        var (auditBefore, attemptsBefore) = await CountAsync(app.Services);
        var rounds = new List<VerifyRound>();
        for (var i = 0; i < o.Rounds; i++)
        {
            rounds.Add(new VerifyRound(
                await LoadAsync("bare Kestrel JSON echo", echo.Url, o.Seconds),
                await LoadAsync("POST /api/prescriptions/verify", verifyUrl, o.Seconds)));
        }

        var (auditAfter, attemptsAfter) = await CountAsync(app.Services);
        var median = rounds.OrderBy(r => r.Ratio).ElementAt(rounds.Count / 2);

        progress.WriteLine("verify: checking the audit chain ...");
        var started = TimeProvider.System.GetTimestamp();
        var chain = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync(default);
        var chainSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;

        return new VerifyReport(Artifacts.Machine, o, System.Text.Encoding.UTF8.GetByteCount(bodies[0]), rounds, median.Echo, median.Verify,
            median.Ratio,
            auditAfter - auditBefore, attemptsAfter - attemptsBefore, chain.Intact, chainSeconds);
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

    private static async Task<(long Audit, long Attempts)> CountAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        return (await db.AuditEntries.LongCountAsync(), await db.VerificationAttempts.LongCountAsync());
    }

    public static void Print(VerifyReport r, TextWriter output)
    {
        var o = r.Options;
        Line(output, $"### Verify throughput — wrk -t{o.Threads} -c{o.Connections} -d{o.Seconds}s on 127.0.0.1, {o.Tokens} distinct tokens in rotation, {r.BodyBytes} B bodies, client and server on the same cores, {o.Rounds} interleaved rounds");
        output.WriteLine();
        output.WriteLine("| round | endpoint | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | server CPU µs/request | non-2xx | socket errors |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (round, i) in r.Rounds.Select((x, i) => (x, i + 1)))
        {
            foreach (var f in new[] { round.Echo, round.Verify })
            {
                Line(output, $"| {i} | {f.Target} | {f.Requests:N0} | {f.RequestsPerSecond:N0} | {f.P50Ms:0.00} | {f.P90Ms:0.00} | {f.P99Ms:0.00} | {f.MaxMs:0.0} | {f.ServerCpuMicros:0} | {f.Non2xx} | {f.SocketErrors} |");
            }
        }

        output.WriteLine();
        Line(output, $"Rounds' ratios: {string.Join(", ", r.Rounds.Select(x => x.Ratio.ToString("0.000", CultureInfo.InvariantCulture)))}; the median round is reported.");
        Line(output, $"verify / echo = **{r.Ratio:0.000}** (target ≥ {RatioTarget}: {(r.Ratio >= RatioTarget ? "yes" : "**no**")}); verify p99 {r.Verify.P99Ms:0.0} ms (target < {P99TargetMs} ms: {(r.Verify.P99Ms < P99TargetMs ? "yes" : "**no**")})");
        Line(output, $"Written during the verify run: {r.AttemptsWritten:N0} verification attempts, {r.AuditEntriesWritten:N0} audit entries; audit chain intact: {(r.ChainIntact ? "yes" : "**NO**")} (checked in {r.ChainCheckSeconds:0.0} s)");
    }

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
