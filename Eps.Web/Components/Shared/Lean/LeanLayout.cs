using Microsoft.AspNetCore.Components;

namespace Eps.Web.Components.Shared;

/// <summary>
/// MudLayout with MudAppBar, a responsive MudDrawer (md, clipped always, on the left) and MudMainContent holding a
/// MudContainer (xl), as the landmarks header, aside and main. The drawer's own state and toggles stay with the owner.
/// </summary>
internal static class LeanLayout
{
    public static string Classes(bool drawerOpen) => drawerOpen
        ? "mud-layout mud-drawer-open-responsive-md-left mud-drawer-left-clipped-always"
        : "mud-layout mud-drawer-close-responsive-md-left mud-drawer-left-clipped-always";

    public const string AppBarClasses = "mud-appbar mud-appbar-fixed-top mud-elevation-1";

    public const string AppBarToolbarClasses = "mud-toolbar mud-toolbar-gutters mud-toolbar-appbar";

    public const string DrawerClasses =
        "mud-drawer mud-drawer-fixed mud-drawer-pos-left mud-drawer--open mud-drawer-md mud-drawer-clipped-always mud-elevation-1 mud-drawer-responsive";

    public const string DrawerOverlayClasses =
        "mud-overlay mud-drawer-overlay mud-overlay-drawer mud-drawer-pos-left mud-drawer-overlay--open mud-drawer-overlay-responsive mud-drawer-overlay-md";

    public const string ContainerClasses = "mud-container mud-container-maxwidth-xl mud-container--gutters";

    public static RenderFragment AppBar(RenderFragment toolbar, string? extraClass = null) => builder =>
    {
        builder.OpenElement(0, "header");
        builder.AddAttribute(1, "class", LeanCss.Join(AppBarClasses, extraClass));
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "role", "toolbar");
        builder.AddAttribute(4, "class", AppBarToolbarClasses);
        builder.AddContent(5, toolbar);
        builder.CloseElement();
        builder.CloseElement();
    };

    public static RenderFragment Drawer(string id, string? extraClass, RenderFragment content) => builder =>
    {
        builder.OpenElement(0, "aside");
        builder.AddAttribute(1, "id", id);
        builder.AddAttribute(2, "class", LeanCss.Join(DrawerClasses, extraClass));
        builder.OpenElement(3, "div");
        builder.AddAttribute(4, "class", "mud-drawer-content");
        builder.AddContent(5, content);
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>The dark overlay behind the drawer when it opens over the content.</summary>
    public static RenderFragment DrawerOverlay(EventCallback onClick, string? extraClass = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", LeanCss.Join(DrawerOverlayClasses, extraClass));
        builder.AddAttribute(2, "onclick", onClick);
        builder.AddMarkupContent(3, "<div class=\"mud-overlay-scrim mud-overlay-dark\"></div>");
        builder.CloseElement();
    };

    /// <summary>
    /// MudMainContent's frame as the page's <c>main</c> landmark; with an <paramref name="id"/> it is the skip link's
    /// target and takes focus from it (tabindex -1); <paramref name="capture"/> receives the element to focus.
    /// </summary>
    public static RenderFragment MainContent(RenderFragment? body, string? containerExtraClass = null, string? id = null,
        Action<ElementReference>? capture = null) => builder =>
    {
        builder.OpenElement(0, "main");
        builder.AddAttribute(1, "class", "mud-main-content");
        if (id is not null)
        {
            builder.AddAttribute(2, "id", id);
            builder.AddAttribute(3, "tabindex", "-1");
        }

        if (capture is not null)
        {
            builder.AddElementReferenceCapture(4, capture);
        }

        builder.OpenElement(5, "div");
        builder.AddAttribute(6, "class", LeanCss.Join(ContainerClasses, containerExtraClass));
        builder.AddContent(7, body);
        builder.CloseElement();
        builder.CloseElement();
    };
}
