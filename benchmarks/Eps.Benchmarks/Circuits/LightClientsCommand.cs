using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Eps.Benchmarks.Circuits;

/// <summary>What the parent asks the client process for.</summary>
internal sealed record LightClientsOptions(Uri BaseUri, int Circuits, int WarmUp, string ExpectedId)
{
    public static bool TryParse(ReadOnlySpan<string> args, out LightClientsOptions options)
    {
        options = null!;
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--url", out var url) || !Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri)
            || !values.TryGetValue("--expect", out var expected)
            || !int.TryParse(values.GetValueOrDefault("--circuits", "50"), CultureInfo.InvariantCulture, out var circuits)
            || !int.TryParse(values.GetValueOrDefault("--warmup", "2"), CultureInfo.InvariantCulture, out var warmUp))
        {
            return false;
        }

        options = new LightClientsOptions(baseUri, circuits, warmUp, expected);
        return true;
    }
}

/// <summary>
/// The client side of the circuits command, run as a child process so the server's heap holds no client objects.
/// Opens <c>WarmUp</c> queue circuits as the Abuja pharmacist (same page, another pharmacy: they warm the server but
/// get none of the measured events), prints <c>W</c>, waits for <c>GO</c> on stdin, opens <c>Circuits</c> queue
/// circuits as the Lagos pharmacist, prints <c>R</c>, then one <c>B</c> line per render batch until stdin closes.
/// Lines: <c>O circuit largestBatchBytes batches</c>, <c>B circuit timestamp batchId bytes ids|-</c>, <c>J count identifier</c>,
/// <c>E circuit message</c>. Timestamps are <see cref="Stopwatch.GetTimestamp"/>: CLOCK_MONOTONIC, shared by both processes.
/// </summary>
internal static class LightClientsCommand
{
    public const string Name = "circuits-client";
    private const string QueuePath = "pharmacy/queue";
    private const string Password = "Demo!2026";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);
    private static volatile bool s_streaming;

    public static async Task<int> RunAsync(LightClientsOptions options)
    {
        var output = Console.Out;
        using var abuja = await Pharmacist.SignInAsync(options.BaseUri, "pharmacist.abuja@eps.test", Password);
        using var lagos = await Pharmacist.SignInAsync(options.BaseUri, "pharmacist.lagos@eps.test", Password);
        void OnBatch(BatchReceived b)
        {
            if (s_streaming)
            {
                var ids = b.Ids.Count == 0 ? "-" : string.Join(',', b.Ids);
                output.WriteLine($"B {b.Circuit} {b.Timestamp} {b.BatchId} {b.Bytes} {ids}");
            }
        }

        var circuits = new List<LightCircuit>();
        try
        {
            circuits.AddRange(await OpenAsync(abuja, options.BaseUri, -options.WarmUp, options.WarmUp, null, OnBatch));
            output.WriteLine("W");
            if (await Console.In.ReadLineAsync() != "GO")
            {
                return 1;
            }

            var measured = await OpenAsync(lagos, options.BaseUri, 0, options.Circuits, options.ExpectedId, OnBatch);
            circuits.AddRange(measured);
            foreach (var c in measured)
            {
                output.WriteLine($"O {c.Index} {c.LargestBatchBytes} {c.Batches}");
            }

            foreach (var (identifier, count) in LightCircuit.JSCalls.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"J {count} {identifier}");
            }

            s_streaming = true;
            output.WriteLine("R");
            while (await Console.In.ReadLineAsync() is not null)
            {
                // Runs until the parent closes stdin.
            }

            foreach (var c in circuits.Where(c => c.Error is not null))
            {
                output.WriteLine($"E {c.Index} {c.Error}");
            }

            return 0;
        }
        finally
        {
            s_streaming = false;
            await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Opens circuits four at a time, then waits until each has rendered (and shows the expected ID) and gone quiet.</summary>
    private static async Task<List<LightCircuit>> OpenAsync(Pharmacist pharmacist, Uri baseUri, int firstIndex, int count,
        string? expectedId, Action<BatchReceived> onBatch)
    {
        var circuits = new LightCircuit[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            circuits[i] = await LightCircuit.OpenAsync(firstIndex + i, baseUri, QueuePath, pharmacist.Http, pharmacist.Cookies, onBatch, ct));

        var deadline = Stopwatch.StartNew();
        while (!circuits.All(c => c.Batches > 0 && (expectedId is null || c.SeenIds.Contains(expectedId))
                   && Stopwatch.GetElapsedTime(c.LastBatchAt) > Quiet))
        {
            if (circuits.FirstOrDefault(c => c.Error is not null) is { } failed)
            {
                throw new InvalidOperationException($"circuit {failed.Index}: {failed.Error}");
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                var late = circuits.Count(c => c.Batches == 0 || (expectedId is not null && !c.SeenIds.Contains(expectedId)));
                throw new TimeoutException($"{late} of {count} circuits never rendered the queue (expected {expectedId})");
            }

            await Task.Delay(100);
        }

        return [.. circuits];
    }

    /// <summary>A signed-in pharmacist: the cookie jar shared by that pharmacist's page loads and circuits.</summary>
    private sealed class Pharmacist(HttpClient http, CookieContainer cookies) : IDisposable
    {
        public HttpClient Http { get; } = http;

        public CookieContainer Cookies { get; } = cookies;

        /// <summary>The Identity form post: antiforgery token and form handler from the page, then the credentials.</summary>
        public static async Task<Pharmacist> SignInAsync(Uri baseUri, string email, string password)
        {
            var cookies = new CookieContainer();
            var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true });
            var login = new Uri(baseUri, "Account/Login");
            var html = await http.GetStringAsync(login);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = PrerenderedPage.HiddenValue(html, "__RequestVerificationToken")
                    ?? throw new InvalidOperationException("no antiforgery token on the login page"),
                ["_handler"] = PrerenderedPage.HiddenValue(html, "_handler") ?? "login",
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            });
            using var response = await http.PostAsync(login, form);
            if (!cookies.GetAllCookies().Any(c => c.Name == ".AspNetCore.Identity.Application"))
            {
                http.Dispose();
                throw new InvalidOperationException($"sign-in as {email} failed ({(int)response.StatusCode} at {response.RequestMessage?.RequestUri})");
            }

            return new Pharmacist(http, cookies);
        }

        public void Dispose() => Http.Dispose();
    }
}
