using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace Eps.Tests.Infrastructure;

/// <summary>Sends many hostile requests a few at a time and collects every answer that is a 5xx or leaks a stack trace.</summary>
public static partial class Fuzz
{
    public const int Parallelism = 4;

    /// <summary>What went wrong with one answer, or null when it is a clean 1xx–4xx.</summary>
    public static string? Problem(HttpStatusCode status, string body)
    {
        if ((int)status >= 500)
        {
            return $"{(int)status}";
        }

        if (body.Contains("   at ", StringComparison.Ordinal) || ExceptionName().IsMatch(body))
        {
            return $"{(int)status} with a stack trace or exception name";
        }

        return null;
    }

    /// <summary>Sends every request (built fresh per attempt), returns the statuses and the failures, each naming its request.</summary>
    public static async Task<(ConcurrentBag<HttpStatusCode> Statuses, List<string> Failures)> SendAllAsync(
        HttpClient client, IEnumerable<Func<HttpRequestMessage>> requests, int parallelism = Parallelism)
    {
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (build, ct) =>
        {
            using var request = build();
            var what = $"{request.Method} {Shorten(request.RequestUri!.OriginalString)}"
                + (request.Content is null ? "" : " body " + Shorten(await request.Content.ReadAsStringAsync(ct)));
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            statuses.Add(response.StatusCode);
            if (Problem(response.StatusCode, text) is { } problem)
            {
                failures.Add($"{problem}: {what}\n    {Shorten(text, 600)}");
            }
        });
        return (statuses, [.. failures.Order(StringComparer.Ordinal)]);
    }

    /// <summary>Fails with the first few failures listed.</summary>
    public static void AssertNone(IReadOnlyCollection<string> failures, string what) =>
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers for {what}:\n" + string.Join('\n', failures.Take(8)));

    private static string Shorten(string text, int max = 200) => text.Length <= max ? text : text[..max] + $"… ({text.Length} chars)";

    [GeneratedRegex(@"\b(?:System|Microsoft)\.[A-Za-z.]*Exception\b|\b[A-Z][A-Za-z]*Exception: ")]
    private static partial Regex ExceptionName();
}
