using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Components.Shared;

/// <summary>
/// MudIcon's markup without a component instance: an SVG holding one of MudBlazor's icon paths. Used where a circuit
/// stays open for hours (layout, queue), because every component instance keeps its render-tree buffers.
/// </summary>
internal static class SvgIcon
{
    public static RenderFragment Of(string icon, string? extraClass = null) => Of(icon, Size.Medium, extraClass);

    public static RenderFragment Of(string icon, Size size, string? extraClass = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", LeanCss.Join(ClassesOf(size), extraClass));
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, icon);
        builder.CloseElement();
    };

    private static string ClassesOf(Size size) => size switch
    {
        Size.Small => "mud-icon-root mud-svg-icon mud-icon-size-small",
        Size.Large => "mud-icon-root mud-svg-icon mud-icon-size-large",
        _ => "mud-icon-root mud-svg-icon mud-icon-size-medium",
    };
}
