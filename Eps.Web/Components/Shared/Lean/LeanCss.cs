using MudBlazor;

namespace Eps.Web.Components.Shared;

/// <summary>
/// Helpers for the lean imitations of MudBlazor components (<c>Lean*</c>): MudBlazor's rendered markup and classes
/// without component instances, for pages a circuit keeps open for hours (the queue, the layout). Each imitation holds
/// its component's class list in one place, and Eps.Tests/Web/Markup compares it with the real component's output.
/// </summary>
internal static class LeanCss
{
    public static string Join(string classes, string? extra) => string.IsNullOrEmpty(extra) ? classes : $"{classes} {extra}";

    /// <summary>The name MudBlazor writes into class names (<c>Color.Primary</c> is <c>primary</c>).</summary>
    public static string Name(this Color color) => color.ToString().ToLowerInvariant();

    public static string Name(this Size size) => size.ToString().ToLowerInvariant();
}
