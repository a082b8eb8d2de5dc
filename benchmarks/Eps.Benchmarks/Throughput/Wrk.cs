using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Eps.Benchmarks.Throughput;

/// <summary>What one wrk run measured; latencies in milliseconds.</summary>
internal sealed record LoadFigure(
    string Target, long Requests, double Seconds, double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, double MaxMs,
    long Non2xx, long SocketErrors)
{
    /// <summary>Server CPU (all threads of the process hosting it) per request, in microseconds: robust to a busy machine.</summary>
    public double ServerCpuMicros { get; init; }

    /// <summary>CPU of a separate database server's processes per request, in microseconds; null when the database is in-process.</summary>
    public double? DatabaseCpuMicros { get; init; }
}

/// <summary>
/// Drives an endpoint with <c>wrk</c> (Debian's package; installed on first use when absent), posting a fixed set of
/// JSON bodies round-robin; a Lua <c>done</c> hook prints the summary as JSON so nothing is scraped from text.
/// </summary>
internal static class Wrk
{
    private const string Script = """
        local bodies = dofile(os.getenv("EPS_WRK_BODIES"))
        local requests = {}
        local next = 0
        init = function(args)
          for i, body in ipairs(bodies) do
            requests[i] = wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
          end
        end
        request = function()
          next = next % #requests + 1
          return requests[next]
        end
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('WRK-JSON {"requests":%d,"micros":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"status":%d,"socket":%d}\n',
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
            e.status, e.connect + e.read + e.write + e.timeout))
        end
        """;

    public static async Task EnsureInstalledAsync(TextWriter progress)
    {
        if (File.Exists("/usr/bin/wrk"))
        {
            return;
        }

        progress.WriteLine("installing wrk (apt-get) ...");
        var sudo = Environment.UserName == "root" ? "" : "sudo ";
        await RunAsync("bash", $"-c \"{sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive {sudo}apt-get install -y -qq wrk\"", null);
    }

    /// <summary>Runs wrk for <paramref name="seconds"/> against <paramref name="url"/> with <paramref name="bodies"/> in rotation.</summary>
    public static async Task<LoadFigure> RunAsync(string target, string url, IReadOnlyList<string> bodies, int threads, int connections, int seconds)
    {
        var directory = Directory.CreateTempSubdirectory("eps-wrk");
        try
        {
            var bodiesFile = Path.Combine(directory.FullName, "bodies.lua");
            var lua = new StringBuilder("return {\n");
            foreach (var body in bodies)
            {
                lua.Append("  \"").Append(body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\",\n");
            }

            await File.WriteAllTextAsync(bodiesFile, lua.Append("}\n").ToString());
            var scriptFile = Path.Combine(directory.FullName, "post.lua");
            await File.WriteAllTextAsync(scriptFile, Script);

            var output = await RunAsync("wrk", $"-t{threads} -c{connections} -d{seconds}s --timeout 5s -s {scriptFile} {url}",
                new Dictionary<string, string> { ["EPS_WRK_BODIES"] = bodiesFile });
            var json = output.Split('\n').Single(l => l.StartsWith("WRK-JSON ", StringComparison.Ordinal))["WRK-JSON ".Length..];
            using var document = JsonDocument.Parse(json);
            var r = document.RootElement;
            long Get(string name) => r.GetProperty(name).GetInt64();
            var secondsMeasured = Get("micros") / 1e6;
            return new LoadFigure(target, Get("requests"), secondsMeasured, Get("requests") / secondsMeasured,
                Get("p50") / 1e3, Get("p90") / 1e3, Get("p99") / 1e3, Get("max") / 1e3, Get("status"), Get("socket"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string file, string arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var error = await stderr;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{file} exited with {process.ExitCode}: {error}"));
        }

        return await stdout;
    }
}
