namespace Eps.Web.Hosting;

/// <summary>Return URLs that came from the browser, made safe for a Location header.</summary>
internal static class LocalUrl
{
    private static readonly Uri Origin = new("http://app.invalid/");

    /// <summary>
    /// The path (and query) inside the app that <paramref name="url"/> resolves to, percent-encoded as a Location header
    /// must be; null when it points elsewhere (another host, a scheme) or cannot be read.
    /// </summary>
    public static string? Resolve(string? url) =>
        Uri.TryCreate(Origin, url ?? "", out var target) && target.Authority == Origin.Authority
            && target.PathAndQuery.StartsWith('/') && !target.PathAndQuery.StartsWith("//", StringComparison.Ordinal)
            ? target.PathAndQuery + target.Fragment
            : null;
}
