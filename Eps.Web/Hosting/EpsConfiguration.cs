using Microsoft.Extensions.Configuration.Json;

namespace Eps.Web.Hosting;

/// <summary>Reads the one configuration file, <c>appsettings.json</c> at the repository root (copied beside the app).</summary>
internal static class EpsConfiguration
{
    public static WebApplicationBuilder AddEpsConfiguration(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        foreach (var contentRootFile in sources.OfType<JsonConfigurationSource>().ToList())
        {
            sources.Remove(contentRootFile);
        }

        // Lowest precedence: environment variables, user secrets and the command line still override it.
        var rootFile = new JsonConfigurationSource
        {
            Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
            Optional = false,
        };
        rootFile.ResolveFileProvider();
        sources.Insert(0, rootFile);
        return builder;
    }
}
