using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Infrastructure;

/// <summary>The app's own endpoints and pages, read from its endpoint metadata, for the suites that must cover every one.</summary>
public static partial class AppEndpoints
{
    /// <summary>
    /// Not app surface: the circuit hub and its negotiation/reconnection/JS-initializer endpoints, Blazor's redirect
    /// helper for enhanced navigation, and Development's fallback for wwwroot files. Static assets (endpoints with a
    /// <see cref="StaticAssetDescriptor"/>) are public files and left out by that metadata.
    /// </summary>
    public static readonly string[] Framework =
        ["/_blazor", "/_blazor/negotiate", "/_blazor/disconnect/", "/_blazor/initializers/", "/_framework/opaque-redirect", "/{**path:file}"];

    /// <summary>Every routed endpoint of the running app but static files and <see cref="Framework"/>.</summary>
    public static IReadOnlyList<RouteEndpoint> Of(EpsApp app)
    {
        app.Start();
        return [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Where(e => !Framework.Contains(Route(e)))];
    }

    /// <summary>The endpoint's route template with one leading slash, e.g. "/prescriptions/{RxNumber}/token".</summary>
    public static string Route(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    /// <summary>A route parameter ({name}, {name:constraint}, {**name}); group 1 is its name.</summary>
    [GeneratedRegex(@"\{\**([A-Za-z]+)(?::[^}]*)?\}")]
    public static partial Regex RouteParameter();
}
