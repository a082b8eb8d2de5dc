using MudBlazor;

namespace Eps.Web.Components.Shared;

/// <summary>MudText's classes on an element of the caller's choosing (a page title stays an h1).</summary>
internal static class LeanText
{
    public static string Classes(Typo typo, string? extra = null) =>
        LeanCss.Join($"mud-typography mud-typography-{typo.ToString()}", extra);
}

/// <summary>MudLink's classes.</summary>
internal static class LeanLink
{
    public static string Classes(Color color, Underline underline, string? extra = null) =>
        LeanCss.Join($"mud-typography mud-link mud-{color.Name()}-text mud-link-underline-{underline.ToString().ToLowerInvariant()}", extra);
}

/// <summary>MudDivider's classes (full width, horizontal).</summary>
internal static class LeanDivider
{
    public static string Classes(string? extra = null) => LeanCss.Join("mud-divider mud-divider-fullwidth", extra);
}
