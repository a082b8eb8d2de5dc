using System.Net;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Security;

/// <summary>
/// A thousand hostile query strings or route values per caller for every GET API, and a thousand hostile form bodies,
/// with and without an antiforgery token, for Identity's form endpoints: never a 5xx, never a stack trace, no row changed.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class EndpointFuzzTests(FuzzHost fuzz)
{
    public const int Count = 1000;

    public static TheoryData<string> GetRoutes => [.. FuzzCatalog.ApiGets.Select(a => a.Route)];

    public static TheoryData<string> PostRoutes => [.. FuzzCatalog.EndpointPosts.Select(p => p.Route)];

    [Theory]
    [MemberData(nameof(GetRoutes))]
    public async Task Hostile_queries_and_route_values_get_answers_never_errors_and_change_nothing(string route)
    {
        var target = FuzzCatalog.ApiGets.Single(a => a.Route == route);
        var state = await fuzz.StateAsync();
        string[] known = [.. target.Known, state.Prescription.RxNumber, state.Dispensed.RxNumber];
        var before = await DbFingerprint.TakeAsync(fuzz.App);

        var seed = route.Length;
        foreach (var caller in target.Callers)
        {
            // Anonymous callers come with forged session cookies and bearer tokens, sent by hand.
            using var client = caller is null ? ForgingClient() : await Login.AsAsync(fuzz.App, caller);
            var input = new HostileInput(seed++);
            var requests = Enumerable.Range(0, Count).Select(_ =>
            {
                var url = Url(route, target, input, known, FuzzCatalog.RouteValues(state));
                var forged = caller is null ? input.ForgedCredential() : null;
                var asBearer = input.Next(2) == 0;
                return (Func<HttpRequestMessage>)(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (forged is not null)
                    {
                        request.Headers.TryAddWithoutValidation(asBearer ? "Authorization" : "Cookie",
                            asBearer ? "Bearer " + forged : ".AspNetCore.Identity.Application=" + forged);
                    }

                    return request;
                });
            }).ToList();
            var (statuses, failures) = await Fuzz.SendAllAsync(client, requests);

            Fuzz.AssertNone(failures, $"GET {route} as {caller ?? "anonymous"}");
            if (caller is not null && target.Callers[0] == caller)
            {
                Assert.Contains(HttpStatusCode.OK, statuses); // the known values get past validation now and then
            }
        }

        Assert.Empty(DbFingerprint.Changed(before, await DbFingerprint.TakeAsync(fuzz.App)));
    }

    [Theory]
    [InlineData(FuzzCatalog.Pharmacist, "/api/register.csv?from=9999-01-01&to=9999-12-31")]
    [InlineData(FuzzCatalog.Admin, "/api/register.csv?from=9999-01-01&to=9999-12-31")]
    public async Task The_last_day_a_date_can_hold_is_a_valid_end_of_period(string caller, string url)
    {
        using var client = await Login.AsAsync(fuzz.App, caller);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task Hostile_form_bodies_with_and_without_a_token_get_answers_never_errors_and_change_nothing(string route)
    {
        var target = FuzzCatalog.EndpointPosts.Single(p => p.Route == route);
        await fuzz.StateAsync();
        using var client = await Login.AsOrAnonymousAsync(fuzz.App, target.Caller);
        var token = await FuzzForms.TokenAsync(client, "");
        var before = await DbFingerprint.TakeAsync(fuzz.App);

        foreach (var withToken in new[] { false, true })
        {
            var bodies = FuzzForms.Bodies(route.Length, Count, null, target.Fields, withToken ? token : null, target.Known);
            var query = new HostileInput(route.Length + 1);
            var requests = bodies.Select((body, i) =>
            {
                var url = route + (i % 3 == 0 ? "?" + query.Encoded(target.Fields, 3_000, target.Known) : "");
                return (Func<HttpRequestMessage>)(() => FuzzForms.Post(url, body, i));
            }).ToList();
            var (_, failures) = await Fuzz.SendAllAsync(client, requests);
            Fuzz.AssertNone(failures, $"POST {route} {(withToken ? "with" : "without")} a token");
        }

        Assert.Empty(DbFingerprint.Changed(before, await DbFingerprint.TakeAsync(fuzz.App)));
    }

    private HttpClient ForgingClient()
    {
        fuzz.App.Start();
        return new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = fuzz.App.BaseAddress };
    }

    private static string Url(string route, FuzzCatalog.ApiGet target, HostileInput input, string[] known, IReadOnlyDictionary<string, string> values)
    {
        var path = JsonPostFuzzTests.RouteParameter().Replace(route, m =>
            input.Next(3) == 0 && values.TryGetValue(m.Groups[1].Value, out var value) ? value : input.Segment(known));
        var names = target.Query.Length > 0 ? target.Query : ["x"];
        return path + (input.Next(5) == 0 && target.Query.Length == 0 ? "" : "?" + input.Encoded(names, 3_000, known));
    }
}
