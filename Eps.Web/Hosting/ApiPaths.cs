namespace Eps.Web.Hosting;

/// <summary>
/// The paths non-browser clients call: /api and the FHIR export under /fhir. They take bearer tokens and API keys, and
/// answer with status codes and problem bodies where pages redirect or render an error page.
/// </summary>
internal static class ApiPaths
{
    public static bool Contains(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir");
}
