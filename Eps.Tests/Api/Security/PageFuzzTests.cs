using System.Globalization;
using System.Reflection;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace Eps.Tests.Api.Security;

/// <summary>
/// Every routable page: hostile form posts (without a token, then with a valid one) to each form it renders, and hostile
/// query strings and route values for the parameters it reads. Never a 5xx, never a stack trace; a rejected post changes
/// no row, a valid one only the tables its form is about.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class PageFuzzTests(FuzzHost fuzz)
{
    public const int Count = 1000;

    /// <summary>Hostile addresses per page: a page renders in full for each, so fewer than the API's thousand keep the run short.</summary>
    public const int AddressCount = 300;

    /// <summary>Posts to a page without a form only ever meet "no such form"; a smaller sample shows that holds.</summary>
    public const int FormlessCount = 100;

    public static TheoryData<string> Routes => [.. FuzzCatalog.Pages.Select(p => p.Route)];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Hostile_form_posts_get_answers_never_errors_and_rejected_ones_change_nothing(string route)
    {
        var page = FuzzCatalog.Pages.Single(p => p.Route == route);
        var url = Fill(route, await fuzz.StateAsync()) + page.Query;
        using var client = await Login.AsOrAnonymousAsync(fuzz.App, page.User);
        using var first = await client.GetAsync(url);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Null(Fuzz.Problem(first.StatusCode, html));
        var rendered = FuzzForms.Handlers(html);
        var undeclared = rendered.Where(h => !page.Forms.Any(f => Matches(f.Handler, h))).ToList();
        Assert.True(undeclared.Count == 0, $"{route} renders forms the fuzz catalog does not list: {string.Join(", ", undeclared)}");
        var token = await FuzzForms.TokenAsync(client, html);

        Func<string, string> withQuery = QueryNames(route) is { Count: > 0 } names
            ? body => url + (page.Query.Length == 0 ? "?" : "&") + new HostileInput(body.Length).Encoded(names, 3_000)
            : _ => url;
        FuzzCatalog.Form[] forms = page.Forms.Length > 0 ? page.Forms : [new("no-such-form", ["Input.Value", "Id"])];
        foreach (var form in forms)
        {
            var handler = form.Handler.EndsWith('*') ? rendered.FirstOrDefault(h => Matches(form.Handler, h)) ?? form.Handler.TrimEnd('*') + "x" : form.Handler;
            var count = page.Forms.Length > 0 ? Count : FormlessCount;
            var seed = route.Length * 31 + handler.Length;

            var before = await DbFingerprint.TakeAsync(fuzz.App);
            await PostAllAsync(client, withQuery, FuzzForms.Bodies(seed, count, handler, form.Fields, token: null), $"{route} {handler} without a token");
            var rejected = await DbFingerprint.TakeAsync(fuzz.App);
            Assert.Empty(DbFingerprint.Changed(before, rejected));

            await PostAllAsync(client, withQuery, FuzzForms.Bodies(seed + 1, count, handler, form.Fields, token), $"{route} {handler} with a token");
            Assert.Empty(DbFingerprint.Changed(rejected, await DbFingerprint.TakeAsync(fuzz.App), form.MayChange));
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Hostile_query_strings_and_route_values_get_answers_never_errors_and_change_nothing(string route)
    {
        var page = FuzzCatalog.Pages.Single(p => p.Route == route);
        var names = QueryNames(route);
        var parameters = AppEndpoints.RouteParameter().Matches(route).Select(m => m.Groups[1].Value).ToList();
        if (names.Count == 0 && parameters.Count == 0)
        {
            return; // reads nothing from the address but its path
        }

        var state = await fuzz.StateAsync();
        string[] known = [state.ManagedUserId, state.PasskeyId, state.Prescription.RxNumber, "Zm9v", "LinkLoginCallback", "true", "false", "/", FuzzCatalog.Managed];
        using var client = await Login.AsOrAnonymousAsync(fuzz.App, page.User);
        await client.GetAsync(Fill(route, state)); // a first visit may set up state (an authenticator key), before the snapshot
        var before = await DbFingerprint.TakeAsync(fuzz.App);

        var input = new HostileInput(route.Length * 7);
        var urls = Enumerable.Range(0, AddressCount).Select(_ =>
        {
            var path = Fill(route, state);
            if (parameters.Count > 0 && input.Next(2) == 0)
            {
                path = AppEndpoints.RouteParameter().Replace(route, _ => input.Segment(known));
            }

            return path + (names.Count > 0 ? "?" + input.Encoded(names, 3_000, known) : "");
        }).ToList();
        var (_, failures) = await Fuzz.SendAllAsync(client, urls.Select(u => (Func<HttpRequestMessage>)(() => new(HttpMethod.Get, u))));

        Fuzz.AssertNone(failures, $"GET {route}");
        Assert.Empty(DbFingerprint.Changed(before, await DbFingerprint.TakeAsync(fuzz.App)));
    }

    /// <summary>The query parameters a page reads ([SupplyParameterFromQuery]), found on the component itself.</summary>
    public static IReadOnlyList<string> QueryNames(string route) =>
        [.. Component(route).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => p.Attribute!.Name ?? p.Property.Name)];

    /// <summary>The page component routed at <paramref name="route"/>.</summary>
    public static Type Component(string route) =>
        typeof(Program).Assembly.GetTypes().Single(t => t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == route));

    private static async Task PostAllAsync(HttpClient client, Func<string, string> url, List<string> bodies, string what)
    {
        var (_, failures) = await Fuzz.SendAllAsync(client, bodies.Select((body, i) =>
        {
            var target = url(body);
            return (Func<HttpRequestMessage>)(() => FuzzForms.Post(target, body, i));
        }));
        Fuzz.AssertNone(failures, "POST " + what);
    }

    private static bool Matches(string declared, string rendered) =>
        declared.EndsWith('*') ? rendered.StartsWith(declared.TrimEnd('*'), StringComparison.Ordinal) : rendered == declared;

    private static string Fill(string route, FuzzState state) => AppEndpoints.RouteParameter().Replace(route, m => m.Groups[1].Value switch
    {
        "RxNumber" => state.Prescription.RxNumber,
        "Reference" => state.RequestReference,
        "RequestId" => state.Prescription.RequestId.ToString(CultureInfo.InvariantCulture),
        "Id" => state.PasskeyId,
        var name => throw new InvalidOperationException($"No fuzz value for route parameter '{name}' of {route}: add one."),
    });
}
