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

/// <summary>Prints the verify report as markdown tables: rounds, invariants and, when taken, the CPU profile.</summary>
internal static class VerifyReportWriter
{
    public static void Print(VerifyReport r, TextWriter output)
    {
        var o = r.Options;
        Line(output, $"### Verify throughput on {BenchEngines.LabelOf(r.Database)} — wrk -t{o.Threads} -c{o.Connections} -d{o.Seconds}s on 127.0.0.1, {o.Tokens} distinct tokens in rotation, {r.BodyBytes} B bodies, client and server on the same cores, {o.Rounds} interleaved rounds");
        output.WriteLine();
        output.WriteLine("| round | endpoint | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | server CPU µs/request | database server CPU µs/request | non-2xx | socket errors |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (round, i) in r.Rounds.Select((x, i) => (x, i + 1)))
        {
            foreach (var f in new[] { round.Echo, round.Verify })
            {
                Line(output, $"| {i} | {f.Target} | {f.Requests:N0} | {f.RequestsPerSecond:N0} | {f.P50Ms:0.00} | {f.P90Ms:0.00} | {f.P99Ms:0.00} | {f.MaxMs:0.0} | {f.ServerCpuMicros:0} | {(f.DatabaseCpuMicros is { } db ? db.ToString("0", CultureInfo.InvariantCulture) : r.Database == BenchEngine.Sqlite.Name() && f == round.Verify ? "in-process" : "–")} | {f.Non2xx} | {f.SocketErrors} |");
            }
        }

        output.WriteLine();
        Line(output, $"Rounds' ratios: {string.Join(", ", r.Rounds.Select(x => x.Ratio.ToString("0.000", CultureInfo.InvariantCulture)))}; median {r.Ratio:0.000}, min {r.Rounds.Min(x => x.Ratio):0.000}, max {r.Rounds.Max(x => x.Ratio):0.000}; the median round is reported.");
        Line(output, $"verify / echo = **{r.Ratio:0.000}** (target ≥ {VerifyBenchmark.RatioTarget}: {(r.Ratio >= VerifyBenchmark.RatioTarget ? "yes" : "**no**")}); verify p99 {r.Verify.P99Ms:0.0} ms (target < {VerifyBenchmark.P99TargetMs} ms: {(r.Verify.P99Ms < VerifyBenchmark.P99TargetMs ? "yes" : "**no**")})");
        Line(output, $"Written during the verify runs: {r.AttemptsWritten:N0} verification attempts, {r.AuditEntriesWritten:N0} audit entries, for {r.VerifyAnswered:N0} answers counted by wrk; audit chain intact: {(r.ChainIntact ? "yes" : "**NO**")} (checked in {r.ChainCheckSeconds:0.0} s)");
        Line(output, $"Database: {r.DatabaseVersion}");
        output.WriteLine();
        output.WriteLine("| invariant | held | detail |");
        output.WriteLine("|---|:---:|---|");
        foreach (var c in r.Checks)
        {
            Line(output, $"| {c.Name} | {(c.Ok ? "yes" : "**NO**")} | {c.Detail} |");
        }

        if (r.Profile is { } p)
        {
            PrintProfile(p, output);
        }
    }

    private static void PrintProfile(CpuProfileReport p, TextWriter output)
    {
        var f = p.Round;
        output.WriteLine();
        Line(output, $"### Server CPU per verify by bucket — EventPipe sample profiler over one extra {f.Seconds:0} s round ({f.Requests:N0} requests, {f.RequestsPerSecond:N0} req/s, server CPU {f.ServerCpuMicros:0} µs/request while profiled)");
        output.WriteLine();
        output.WriteLine("| bucket | samples | share of samples | µs per verify (share × measured) | µs per verify (samples × interval) |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var b in p.Buckets)
        {
            Line(output, $"| {b.Name} | {b.Samples:N0} | {b.Share:P1} | {b.MicrosPerVerify:0.0} | {b.SampledMicrosPerVerify:0.0} |");
        }

        Line(output, $"| **all running samples** | {p.ManagedSamples + p.NativeSamples:N0} | 100 % | {p.MeasuredMicrosPerVerify:0.0} | {p.SampledMicrosPerVerify:0.0} |");
        output.WriteLine();
        Line(output, $"Running samples: {p.ManagedSamples:N0} in managed code, {p.NativeSamples:N0} in a computing native call (OpenSSL, SQLite, socket I/O); not counted: {p.BlockedSamples:N0} blocked, {p.HarnessSamples:N0} of the harness and profiler. Sampling interval {p.SampleIntervalMs:0.000} ms.");
        Line(output, $"Running samples × interval come to {p.SampledMicrosPerVerify:0} µs of thread time per verify against {f.ServerCpuMicros:0} µs of process CPU measured over the same round ({p.SampledMicrosPerVerify / f.ServerCpuMicros:P0}). The sampler sees a thread that is runnable, not one on a core: above 100 % more threads wanted the 2 cores than got them (wrk shares them); below, native work it cannot see (server GC threads, the kernel) took the rest. The shares are applied to the unprofiled median round's {p.MeasuredMicrosPerVerify:0} µs.");
        output.WriteLine();
        output.WriteLine("| top non-crypto methods by exclusive samples (a native call counts as its caller) | bucket | samples | share | µs per verify |");
        output.WriteLine("|---|---|---:|---:|---:|");
        foreach (var m in p.TopMethods)
        {
            Line(output, $"| `{m.Method}` | {m.Bucket} | {m.Samples:N0} | {m.Share:P1} | {m.Share * p.MeasuredMicrosPerVerify:0.0} |");
        }
    }

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
