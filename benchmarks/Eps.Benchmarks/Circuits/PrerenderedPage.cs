using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Eps.Benchmarks.Circuits;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the interactive-server component
/// markers (<c>&lt;!--Blazor:{"type":"server",...}--&gt;</c>, in document order) and the persisted component state.
/// </summary>
internal sealed partial record PrerenderedPage(IReadOnlyList<JsonObject> ServerMarkers, string ApplicationState)
{
    public static PrerenderedPage Parse(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject marker && (string?)marker["type"] == "server")
            {
                markers.Add(marker);
            }
        }

        var state = State().Match(html);
        return new PrerenderedPage(markers, state.Success ? state.Groups["state"].Value : "");
    }

    /// <summary>
    /// The first root-component batch a .NET 8+ Web App sends: one "add" per server marker, SSR component ids 1..n
    /// in the order the page lists them (as WebRootComponentManager numbers them).
    /// </summary>
    public string OperationsJson()
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerMarkers.Count; i++)
        {
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = ServerMarkers[i].DeepClone() });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
    }

    /// <summary>The value of a hidden form input (antiforgery token, form handler name), or null.</summary>
    public static string? HiddenValue(string html, string name)
    {
        foreach (Match input in Input().Matches(html))
        {
            if (input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal))
            {
                var value = Value().Match(input.Value);
                return value.Success ? System.Net.WebUtility.HtmlDecode(value.Groups["value"].Value) : null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=_-]+)-->")]
    private static partial Regex State();

    [GeneratedRegex(@"<input\b[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex("value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Value();
}
