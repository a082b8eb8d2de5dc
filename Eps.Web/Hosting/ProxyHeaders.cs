using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Eps.Web.Hosting;

/// <summary>
/// Behind a load balancer: the client's address and scheme from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>,
/// taken only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges). Empty, the default, trusts no one: the headers are ignored.
/// Rate limits, alert rules and the audit's client IP all read the address this sets.
/// </summary>
internal static class ProxyHeaders
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddEpsForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration.GetSection($"{Section}:KnownProxies"))
            .Select(p => IPAddress.TryParse(p, out var ip) ? ip
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = List(configuration.GetSection($"{Section}:KnownNetworks"))
            .Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{n}' is not a CIDR range (e.g. 10.0.0.0/8).")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>
    /// The middleware, when any proxy is configured: with empty lists the framework's middleware would trust every
    /// sender, so "none configured" means no middleware at all.
    /// </summary>
    public static IApplicationBuilder UseEpsForwardedHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownProxies.Count + options.KnownIPNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }

    /// <summary>A JSON array, or one string of addresses separated by commas or spaces (handy in an environment variable).</summary>
    private static IEnumerable<string> List(IConfigurationSection section) =>
        (section.GetChildren().Any() ? section.GetChildren().Select(c => c.Value ?? "") : [section.Value ?? ""])
            .SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
