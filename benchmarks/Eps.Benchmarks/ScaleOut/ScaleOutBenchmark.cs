using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Eps.Benchmarks.Circuits;
using Eps.Benchmarks.Queue;
using Eps.Benchmarks.Reporting;
using Eps.Benchmarks.Throughput;

namespace Eps.Benchmarks.ScaleOut;

/// <summary>Sizes of the scaleout run.</summary>
internal sealed record ScaleOutOptions(int Circuits, int Approvals, int Connections, int Threads, int Seconds, int Tokens, int Rounds)
{
    public static readonly IReadOnlyDictionary<string, int> Defaults = new Dictionary<string, int>
    {
        ["circuits"] = 20, ["approvals"] = 20, ["connections"] = 32, ["threads"] = 2, ["seconds"] = 8, ["tokens"] = 100, ["rounds"] = 3,
    };

    public static bool TryParse(ReadOnlySpan<string> args, out ScaleOutOptions options)
    {
        var ok = Args.TryParse(args, Defaults, out var v);
        options = new ScaleOutOptions(v["circuits"], v["approvals"], v["connections"], v["threads"], v["seconds"], v["tokens"], v["rounds"]);
        return ok;
    }
}

/// <summary>
/// Fan-out of approvals made on A to one layout of circuits: milliseconds from the approve POST's answer (the prescription
/// committed) to the last circuit's render batch carrying the new ID, as the clients received it; the same from the
/// POST's start; and per instance in the split layout.
/// </summary>
internal sealed record FanOutLayout(string Layout, int CircuitsOnA, int CircuitsOnB, int Approvals, int Reached,
    Summary FromAnswerMs, Summary FromRequestMs, Summary? LastOnAMs, Summary? LastOnBMs, Summary ApproveCallMs);

/// <summary>One round: the same wrk run through HAProxy with one instance behind it, then with two.</summary>
internal sealed record ProxyRound(LoadFigure One, LoadFigure Two)
{
    public double Ratio => Two.RequestsPerSecond / One.RequestsPerSecond;
}

/// <summary>Median, lowest and highest over the rounds.</summary>
internal sealed record Spread(double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Spread(sorted[sorted.Length / 2], sorted[0], sorted[^1]);
    }
}

internal sealed record ProxyVerify(IReadOnlyList<ProxyRound> Rounds, Spread OneInstance, Spread TwoInstances, Spread Ratio, int BodyBytes, long Non2xx);

internal sealed record ScaleOutReport(string Machine, string DatabaseVersion, ScaleOutOptions Options, FanOutLayout Split, FanOutLayout AOnly,
    ProxyVerify Verify, int CoresVisible, string Method);

/// <summary>
/// Two Eps instances behind HAProxy on one PostgreSQL database and one Redis, started from the deployment files (as the
/// multi-instance test starts them): the fan-out of an approval on A to circuits on A and B (Redis pub/sub) against
/// circuits on A only (in-process delivery), and verify throughput through HAProxy with one instance behind it and
/// with two.
/// </summary>
internal static class ScaleOutBenchmark
{
    private const int WarmUpApprovals = 3;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(20);

    public const string Method =
        "Two deploy/eps-instance.sh processes (Release build of Eps.Web, ASPNETCORE_ENVIRONMENT=Development for the demo accounts, " +
        "log level Warning) on one private PostgreSQL cluster (deploy/postgres.sh) and a private redis-server; HAProxy on deploy/haproxy.cfg. " +
        "Fan-out: light .NET Blazor circuit clients (the circuits command's, one child process per group of circuits) open the Lagos " +
        "pharmacist's queue directly on an instance; the demo doctor approves a prepared request with one POST to instance A " +
        "(3 warm-up approvals discarded; each approval is retired in the database afterwards, without a push, and 250 ms pass). " +
        "Measured: from the POST's answer (and from its start) to the last circuit's receipt of the render batch carrying the new " +
        "PHB-RX id (Stopwatch, CLOCK_MONOTONIC shared by the processes). Split layout first, then B's clients close and as many more " +
        "open on A. Verify: wrk POSTs valid tokens in rotation to /api/prescriptions/verify through HAProxy, whose two server lines " +
        "point at A twice (one instance) or at A and B (two); the verify rate limit (shared in Redis) is raised out of reach; each " +
        "side warmed with 3 s runs until two agree within 5 %; interleaved rounds, order alternating.";

    public static async Task<ScaleOutReport> RunAsync(ScaleOutOptions o, TextWriter progress)
    {
        await Wrk.EnsureInstalledAsync(progress);
        await using var deployment = await ScaleOutDeployment.StartAsync(progress);
        try
        {
            using var api = await DemoApi.SignInAsync(deployment.A.Url);

            // Kept pending all along: every circuit that shows it has rendered the Lagos queue's first page.
            var expected = await api.ApproveAsync(await api.RequestAsync("Scale-out check"));
            var (split, aOnly) = await FanOutAsync(deployment, api, expected, o, progress);
            var verify = await VerifyAsync(deployment, api, o, progress);
            return new ScaleOutReport(Artifacts.Machine, deployment.DatabaseVersion, o, split, aOnly, verify, Environment.ProcessorCount, Method);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            progress.WriteLine(deployment.Logs());
            throw;
        }
    }

    private static async Task<(FanOutLayout Split, FanOutLayout AOnly)> FanOutAsync(ScaleOutDeployment d, DemoApi api, string expected,
        ScaleOutOptions o, TextWriter progress)
    {
        var n = o.Circuits;
        progress.WriteLine($"scaleout: opening {n} queue circuits on A and {n} on B ...");
        var onA = await OpenAsync(d.A, n, expected, progress);
        await using (onA)
        {
            FanOutLayout split;
            var onB = await OpenAsync(d.B, n, expected, progress);
            await using (onB)
            {
                split = await MeasureAsync($"{n} on A + {n} on B", d, api, [(onA, true), (onB, false)], n, o.Approvals, progress);
            }

            progress.WriteLine($"scaleout: B's circuits closed; opening {n} more on A ...");
            var moreOnA = await OpenAsync(d.A, n, expected, progress);
            await using (moreOnA)
            {
                var aOnly = await MeasureAsync($"{2 * n} on A", d, api, [(onA, true), (moreOnA, true)], n, o.Approvals, progress);
                return (split, aOnly);
            }
        }
    }

    private static async Task<ClientProcess> OpenAsync(EpsInstance instance, int circuits, string expected, TextWriter progress)
    {
        var clients = ClientProcess.Start(new LightClientsOptions(new Uri(instance.Url), circuits, 1, expected), progress);
        await clients.WarmedUp;
        await clients.SendAsync("GO");
        await clients.Ready;
        return clients;
    }

    private static async Task<FanOutLayout> MeasureAsync(string layout, ScaleOutDeployment d, DemoApi api,
        IReadOnlyList<(ClientProcess Clients, bool OnA)> groups, int perGroup, int approvals, TextWriter progress)
    {
        progress.WriteLine($"scaleout: {approvals} approvals on A, circuits {layout} ...");
        var (fromAnswer, fromRequest, lastA, lastB, call) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var reached = 0;
        static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
        for (var i = 0; i < WarmUpApprovals + approvals; i++)
        {
            var request = await api.RequestAsync($"Fan-out {i}");
            var sent = Stopwatch.GetTimestamp();
            var rx = await api.ApproveAsync(request);
            var answered = Stopwatch.GetTimestamp();
            var waited = Stopwatch.StartNew();
            while (groups.Any(g => g.Clients.ReceivedWith(rx).Count < perGroup) && waited.Elapsed < DeliveryTimeout)
            {
                await Task.Delay(2);
            }

            var received = groups.Select(g => (g.OnA, Times: g.Clients.ReceivedWith(rx).Values.ToArray())).ToArray();
            var complete = received.All(g => g.Times.Length >= perGroup);
            if (!complete)
            {
                progress.WriteLine($"  {rx}: received by {string.Join(" + ", received.Select(g => g.Times.Length))} of {groups.Count * perGroup} circuits");
            }

            if (i >= WarmUpApprovals && complete)
            {
                reached++;
                var last = received.Max(g => g.Times.Max());
                fromAnswer.Add(Ms(answered, last));
                fromRequest.Add(Ms(sent, last));
                call.Add(Ms(sent, answered));
                if (received.Any(g => g.OnA) && received.Any(g => !g.OnA))
                {
                    lastA.Add(Ms(answered, received.Where(g => g.OnA).Max(g => g.Times.Max())));
                    lastB.Add(Ms(answered, received.Where(g => !g.OnA).Max(g => g.Times.Max())));
                }
            }

            await d.RetireAsync(rx);
            await Task.Delay(250);
        }

        var onA = groups.Count(g => g.OnA) * perGroup;
        return new FanOutLayout(layout, onA, groups.Count * perGroup - onA, approvals, reached, Summary.Of(fromAnswer), Summary.Of(fromRequest),
            lastA.Count > 0 ? Summary.Of(lastA) : null, lastB.Count > 0 ? Summary.Of(lastB) : null, Summary.Of(call));
    }

    private static async Task<ProxyVerify> VerifyAsync(ScaleOutDeployment d, DemoApi api, ScaleOutOptions o, TextWriter progress)
    {
        progress.WriteLine($"scaleout: issuing {o.Tokens} prescriptions on A for verify ...");
        var issued = new List<string>(o.Tokens);
        for (var i = 0; i < o.Tokens; i++)
        {
            issued.Add(await api.ApproveAsync(await api.RequestAsync($"Verify {i}")));
        }

        var tokens = await api.TokensAsync();
        var bodies = issued.Select(rx => JsonSerializer.Serialize(new { token = tokens[rx] })).ToList();
        var (one, two) = (d.ProxyOne + "/api/prescriptions/verify", d.ProxyTwo + "/api/prescriptions/verify");
        await CheckAsync(one, bodies[0]);
        await CheckAsync(two, bodies[^1]);

        Task<LoadFigure> LoadAsync(string target, string url, int seconds)
        {
            progress.WriteLine($"scaleout: wrk -t{o.Threads} -c{o.Connections} -d{seconds}s {target} ...");
            return Wrk.RunAsync(target, url, bodies, o.Threads, o.Connections, seconds);
        }

        async Task WarmAsync(string target, string url)
        {
            var last = 0.0;
            for (var run = 1; run <= 6; run++)
            {
                var rate = (await LoadAsync($"{target} (warm-up {run})", url, 3)).RequestsPerSecond;
                if (last > 0 && Math.Abs(rate - last) <= 0.05 * last)
                {
                    return;
                }

                last = rate;
            }
        }

        const string OneName = "HAProxy → 1 instance";
        const string TwoName = "HAProxy → 2 instances";
        await WarmAsync(OneName, one);
        await WarmAsync(TwoName, two);
        var rounds = new List<ProxyRound>();
        for (var i = 0; i < o.Rounds; i++)
        {
            // Alternating order: neither side always runs right after the other.
            if (i % 2 == 0)
            {
                var a = await LoadAsync(OneName, one, o.Seconds);
                rounds.Add(new ProxyRound(a, await LoadAsync(TwoName, two, o.Seconds)));
            }
            else
            {
                var b = await LoadAsync(TwoName, two, o.Seconds);
                rounds.Add(new ProxyRound(await LoadAsync(OneName, one, o.Seconds), b));
            }
        }

        return new ProxyVerify(rounds, Spread.Of(rounds.Select(r => r.One.RequestsPerSecond)), Spread.Of(rounds.Select(r => r.Two.RequestsPerSecond)),
            Spread.Of(rounds.Select(r => r.Ratio)), System.Text.Encoding.UTF8.GetByteCount(bodies[0]),
            rounds.Sum(r => r.One.Non2xx + r.Two.Non2xx + r.One.SocketErrors + r.Two.SocketErrors));
    }

    private static async Task CheckAsync(string url, string body)
    {
        using var client = new HttpClient();
        using var response = await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !text.Contains("\"valid\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {text}");
        }
    }

    public static void Print(ScaleOutReport r, TextWriter output)
    {
        var o = r.Options;
        Line(output, $"### Scale-out: two instances behind HAProxy, PostgreSQL + Redis — {r.Machine}");
        Line(output, $"PostgreSQL: {r.DatabaseVersion.Split(" on ")[0]}");
        output.WriteLine();
        Line(output, $"**Approval on A → render batch with the new prescription on every circuit** ({o.Approvals} approvals after {WarmUpApprovals} warm-up, Lagos pharmacist's queue, light circuit clients; ms)");
        output.WriteLine();
        output.WriteLine("| circuits | delivery | from approve answer p50 | p95 | max | from approve request p50 | p95 | last on A p50 / p95 | last on B p50 / p95 | approve call p50 | reached |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (f, how) in new[] { (r.Split, "A in-process, B via Redis pub/sub"), (r.AOnly, "in-process only") })
        {
            Line(output, $"| {f.Layout} | {how} | {f.FromAnswerMs.P50:0.0} | {f.FromAnswerMs.P95:0.0} | {f.FromAnswerMs.Max:0.0} | {f.FromRequestMs.P50:0.0} | {f.FromRequestMs.P95:0.0} | {Pair(f.LastOnAMs)} | {Pair(f.LastOnBMs)} | {f.ApproveCallMs.P50:0.0} | {f.Reached}/{f.Approvals} |");
        }

        output.WriteLine();
        var v = r.Verify;
        Line(output, $"**Verify through HAProxy**: wrk -t{o.Threads} -c{o.Connections} -d{o.Seconds}s, {o.Tokens} valid tokens in rotation ({v.BodyBytes} B bodies), verify rate limit out of reach, each side warmed until steady, {o.Rounds} interleaved rounds");
        output.WriteLine();
        output.WriteLine("| round | behind HAProxy | req/s | p50 ms | p99 ms | max ms | non-2xx | socket errors |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (round, i) in v.Rounds.Select((x, i) => (x, i + 1)))
        {
            foreach (var f in new[] { round.One, round.Two })
            {
                Line(output, $"| {i} | {f.Target} | {f.RequestsPerSecond:N0} | {f.P50Ms:0.00} | {f.P99Ms:0.00} | {f.MaxMs:0.0} | {f.Non2xx} | {f.SocketErrors} |");
            }
        }

        output.WriteLine();
        output.WriteLine("| behind HAProxy | median req/s | min | max |");
        output.WriteLine("|---|---:|---:|---:|");
        Line(output, $"| 1 instance | {v.OneInstance.Median:N0} | {v.OneInstance.Min:N0} | {v.OneInstance.Max:N0} |");
        Line(output, $"| 2 instances | {v.TwoInstances.Median:N0} | {v.TwoInstances.Min:N0} | {v.TwoInstances.Max:N0} |");
        Line(output, $"| ratio 2 / 1 (per round) | {v.Ratio.Median:0.000} | {v.Ratio.Min:0.000} | {v.Ratio.Max:0.000} |");
        output.WriteLine();
        Line(output, $"On this machine ({r.CoresVisible} cores visible) wrk, HAProxy, both instances, PostgreSQL and Redis share the same cores: the ratio shows the overhead of a second instance and the proxy's balancing, not a speed-up. A speed-up needs the instances on cores (machines) of their own.");
    }

    private static string Pair(Summary? s) => s is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{s.P50:0.0} / {s.P95:0.0}");

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
