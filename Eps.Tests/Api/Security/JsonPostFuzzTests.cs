using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Security;

/// <summary>
/// Hostile JSON bodies and route values for every JSON write of the API (<see cref="FuzzCatalog.ApiPosts"/>), as their
/// callers, some sent as text/plain the way a cross-site form would: never a 5xx or a stack trace, and nothing changed
/// but what the catalog allows.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed partial class JsonPostFuzzTests(FuzzHost fuzz)
{
    public const int Count = 500;

    public static TheoryData<string> Routes => [.. FuzzCatalog.ApiPosts.Select(p => p.Route)];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Hostile_json_bodies_and_route_values_get_answers_never_errors_and_change_nothing(string route)
    {
        var target = FuzzCatalog.ApiPosts.Single(p => p.Route == route);
        await fuzz.StateAsync();
        using var client = await Login.AsOrAnonymousAsync(fuzz.App, target.Caller);
        var before = await DbFingerprint.TakeAsync(fuzz.App);

        var input = new HostileInput(route.Length * 7);
        var bodies = input.JsonBodies(Count, target.Fields.Length > 0 ? target.Fields : ["x"]).ToList();
        var requests = bodies.Select((body, i) =>
        {
            // Route values are hostile only: a known prescription or request here could be legitimately cancelled or decided.
            var url = RouteParameter().Replace(route, _ => input.Segment());
            var plain = i % 7 == 0;
            return (Func<HttpRequestMessage>)(() => new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(plain ? "text/plain" : "application/json")),
            });
        }).ToList();
        var (_, failures) = await Fuzz.SendAllAsync(client, requests);

        Fuzz.AssertNone(failures, $"POST {route} as {target.Caller ?? "anonymous"}");
        Assert.Empty(DbFingerprint.Changed(before, await DbFingerprint.TakeAsync(fuzz.App), [.. target.MayChange]));
    }

    /// <summary>A route parameter, optional ones included ({id:int}, {documentName?}); group 1 is its name.</summary>
    [GeneratedRegex(@"\{\**([A-Za-z]+)(?::[^}?]*)?\??\}")]
    public static partial Regex RouteParameter();
}
