using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Components.Shared;

/// <summary>
/// MudButton's markup: the caller writes the <c>&lt;button&gt;</c> or <c>&lt;a&gt;</c> (with its own handlers) using
/// <see cref="Classes"/>, and puts <see cref="Label"/> inside.
/// </summary>
internal static class LeanButton
{
    public static string Classes(Variant variant, Color color, Size size, string? extra = null)
    {
        var v = variant.ToString().ToLowerInvariant();
        return LeanCss.Join($"mud-button-root mud-button mud-button-{v} mud-button-{v}-{color.Name()} mud-button-{v}-size-{size.Name()} mud-ripple", extra);
    }

    /// <summary>The button's content: its label, after an optional start icon.</summary>
    public static RenderFragment Label(string text, string? startIcon = null) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-button-label");
        if (startIcon is not null)
        {
            builder.OpenElement(2, "span");
            builder.AddAttribute(3, "class", "mud-button-icon-start mud-button-icon-size-medium");
            builder.AddContent(4, SvgIcon.Of(startIcon));
            builder.CloseElement();
        }

        builder.AddContent(5, text);
        builder.CloseElement();
    };

    /// <summary>
    /// <see cref="Label"/> without an icon as one piece of markup: a single render-tree frame instead of four, for
    /// buttons repeated on every row of a long-lived table.
    /// </summary>
    public static MarkupString LabelMarkup(string text) => new($"<span class=\"mud-button-label\">{HtmlEncoder.Default.Encode(text)}</span>");
}

/// <summary>MudIconButton's markup: the caller writes the <c>&lt;button&gt;</c> using <see cref="Classes"/>, with <see cref="Label"/> inside.</summary>
internal static class LeanIconButton
{
    public static string Classes(Color color = Color.Default, Size size = Size.Medium, Edge edge = Edge.False, string? extra = null)
    {
        var classes = "mud-button-root mud-icon-button";
        if (color != Color.Default)
        {
            classes += $" mud-{color.Name()}-text hover:mud-{color.Name()}-hover";
        }

        classes += " mud-ripple mud-ripple-icon";
        if (size != Size.Medium)
        {
            classes += $" mud-icon-button-size-{size.Name()}";
        }

        if (edge != Edge.False)
        {
            classes += $" mud-icon-button-edge-{edge.ToString().ToLowerInvariant()}";
        }

        return LeanCss.Join(classes, extra);
    }

    public static RenderFragment Label(string icon, Size size = Size.Medium) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-icon-button-label");
        builder.AddContent(2, SvgIcon.Of(icon, size));
        builder.CloseElement();
    };
}
