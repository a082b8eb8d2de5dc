using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Security;

/// <summary>Form posts for the fuzz tests: the antiforgery token a page hands out, the forms it renders, hostile bodies.</summary>
public static partial class FuzzForms
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The antiforgery request token for this client, from the page or, when it renders none, from a page that does.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string html)
    {
        foreach (var source in new[] { "", "/Account/Login", "/Account/Manage" })
        {
            using var response = source.Length == 0 ? null : await client.GetAsync(source);
            var text = response is null ? html : await response.Content.ReadAsStringAsync();
            if (Login.AntiforgeryTokenIn(text) is { } token)
            {
                return token;
            }
        }

        throw new InvalidOperationException("No page rendered an antiforgery token.");
    }

    /// <summary>The handler names of the forms a page rendered.</summary>
    public static IReadOnlyList<string> Handlers(string html) =>
        [.. Handler().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct()];

    /// <summary>A post of <paramref name="body"/>, now and then with a wrong or broken content type.</summary>
    public static HttpRequestMessage Post(string url, string body, int pick)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = (pick % 12) switch
        {
            0 => MediaTypeHeaderValue.Parse("multipart/form-data; boundary=----x"),
            1 => MediaTypeHeaderValue.Parse("application/json"),
            2 => MediaTypeHeaderValue.Parse("text/plain"),
            _ => MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded"),
        };
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    /// <summary>Bodies for one form: its handler (now and then a hostile one) and fuzzed fields, with or without the token.</summary>
    public static List<string> Bodies(int seed, int count, string? handler, IReadOnlyList<string> fields, string? token, IReadOnlyList<string>? known = null)
    {
        var input = new HostileInput(seed);
        var bodies = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var parts = new List<string>();
            if (handler is not null)
            {
                parts.Add("_handler=" + Uri.EscapeDataString(input.Next(10) == 0 ? input.Text(50) : handler));
            }

            if (token is not null)
            {
                parts.Add(TokenField + "=" + Uri.EscapeDataString(input.Next(20) == 0 ? input.Text(200) : token));
            }

            parts.Add(input.Encoded(fields, known: known));
            bodies.Add(string.Join('&', parts.OrderBy(_ => input.Next(100))));
        }

        return bodies;
    }

    [GeneratedRegex("name=\"_handler\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Handler();
}
