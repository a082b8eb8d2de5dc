using Microsoft.AspNetCore.Components;

namespace Eps.Web.Components.Shared;

/// <summary>MudNavMenu's and MudNavLink's markup; the owner works out which link is active.</summary>
internal static class LeanNavLink
{
    public const string MenuClasses = "mud-navmenu mud-navmenu-default mud-navmenu-margin-none";

    public const string LinkClasses = "mud-nav-link mud-ripple";

    public const string ActiveLinkClasses = "mud-nav-link mud-ripple active";

    public const string IconClasses = "mud-icon-default mud-nav-link-icon mud-nav-link-icon-default";

    /// <summary>A link; one with a <paramref name="target"/> opens without giving the new page this one.</summary>
    public static RenderFragment Render(string href, string text, string icon, bool active = false, string? target = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-nav-item");
        builder.OpenElement(2, "a");
        builder.AddAttribute(3, "href", href);
        if (target is not null)
        {
            builder.AddAttribute(4, "target", target);
            builder.AddAttribute(5, "rel", "noopener noreferrer");
        }

        builder.AddAttribute(6, "class", active ? ActiveLinkClasses : LinkClasses);
        builder.AddAttribute(7, "aria-current", active ? "page" : null);
        builder.AddContent(8, SvgIcon.Of(icon, IconClasses));
        builder.OpenElement(9, "div");
        builder.AddAttribute(10, "class", "mud-nav-link-text");
        builder.AddContent(11, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
