using Bunit;
using Eps.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using static Eps.Tests.Web.Markup.LeanMarkup;

namespace Eps.Tests.Web.Markup;

public sealed class LayoutMarkupTests
{
    private static RenderFragment LeanLayoutOf(bool open) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", LeanLayout.Classes(open));
        builder.AddContent(2, LeanLayout.AppBar(b => b.AddContent(0, "Eps")));
        builder.AddContent(3, LeanLayout.Drawer("drawer", null, b => b.AddContent(0, "Links")));
        builder.AddContent(4, LeanLayout.MainContent(b => b.AddContent(0, "Body")));
        builder.CloseElement();
    };

    private static IRenderedComponent<IComponent> MudLayout(LeanMarkup markup, bool open) => markup.Mud<MudLayout>(p => p
        .AddChildContent<MudAppBar>(a => a.Add(x => x.Elevation, 1).AddChildContent("Eps"))
        .AddChildContent<MudDrawer>(d => d.Add(x => x.Open, open).Add(x => x.ClipMode, DrawerClipMode.Always).Add(x => x.Elevation, 1)
            .Add(x => x.Variant, DrawerVariant.Responsive).Add(x => x.Breakpoint, Breakpoint.Md).AddChildContent("Links"))
        .AddChildContent<MudMainContent>(m => m.AddChildContent<MudContainer>(c => c.Add(x => x.MaxWidth, MaxWidth.ExtraLarge).AddChildContent("Body"))));

    [Fact]
    public async Task LeanLayout_has_the_classes_of_MudLayout_with_app_bar_responsive_drawer_and_container()
    {
        await using var markup = new LeanMarkup();
        var mud = MudLayout(markup, open: true);
        var lean = markup.Lean(LeanLayoutOf(open: true));

        foreach (var selector in new[] { ".mud-layout", "header", "header > .mud-toolbar", ".mud-drawer-content", ".mud-main-content", ".mud-container" })
        {
            SameClasses(mud, lean, selector);
        }

        // MudDrawer drops mud-drawer--initial once its script has measured the screen; the lean drawer starts settled.
        SameClasses(mud, lean, "aside", leanOmits: ["mud-drawer--initial"]);
    }

    [Fact]
    public async Task LeanLayout_with_the_drawer_closed_has_MudLayout_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = MudLayout(markup, open: false);
        var lean = markup.Lean(LeanLayoutOf(open: false));

        SameClasses(mud, lean, ".mud-layout");
    }

    [Fact]
    public async Task LeanLayout_drawer_overlay_has_the_classes_of_MudDrawer_overlay()
    {
        await using var markup = new LeanMarkup();
        // A temporary drawer shows its overlay at any size; the responsive one only below md, which needs a browser.
        var mud = markup.Mud<MudLayout>(p => p.AddChildContent<MudDrawer>(d => d.Add(x => x.Open, true).Add(x => x.ClipMode, DrawerClipMode.Always)
            .Add(x => x.Variant, DrawerVariant.Temporary).Add(x => x.Breakpoint, Breakpoint.Md).AddChildContent("Links")));
        var lean = markup.Lean(LeanLayout.DrawerOverlay(default));

        SameClasses(mud, lean, ".mud-overlay",
            leanOmits: ["mud-drawer-overlay-temporary", "mud-drawer-overlay--initial", "mud-skip-overlay-positioning", "mud-skip-overlay-section"],
            leanAdds: ["mud-drawer-overlay-responsive"]);
        SameClasses(mud, lean, ".mud-overlay-scrim");
    }

    [Fact]
    public async Task LeanNavLink_has_MudNavMenu_and_MudNavLink_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudNavMenu>(p => p.Add(x => x.Class, "py-2")
            .AddChildContent<MudNavLink>(l => l.Add(x => x.Href, "/").Add(x => x.Match, NavLinkMatch.All).Add(x => x.Icon, Icons.Material.Filled.Home).AddChildContent("Home"))
            .AddChildContent<MudNavLink>(l => l.Add(x => x.Href, "/queue").Add(x => x.Icon, Icons.Material.Filled.Inbox).AddChildContent("Queue"))
            .AddChildContent<MudNavLink>(l => l.Add(x => x.Href, "/keys").Add(x => x.Target, "_blank").Add(x => x.Icon, Icons.Material.Filled.Key).AddChildContent("Keys")));
        var lean = markup.Lean(builder =>
        {
            builder.OpenElement(0, "nav");
            builder.AddAttribute(1, "class", LeanNavLink.MenuClasses + " py-2");
            builder.AddContent(2, LeanNavLink.Render("/", "Home", Icons.Material.Filled.Home, active: true));
            builder.AddContent(3, LeanNavLink.Render("/queue", "Queue", Icons.Material.Filled.Inbox));
            builder.AddContent(4, LeanNavLink.Render("/keys", "Keys", Icons.Material.Filled.Key, target: "_blank"));
            builder.CloseElement();
        });

        foreach (var selector in new[] { "nav", ".mud-nav-item", "a.active", "a.active svg", "a.active .mud-nav-link-text", "a[href='/queue']", "a[target]" })
        {
            SameClasses(mud, lean, selector);
        }

        Assert.Equal("page", Find(lean, "a.active", "lean").GetAttribute("aria-current"));
        Assert.Equal(Find(mud, "a[target]", "MudBlazor").GetAttribute("rel"), Find(lean, "a[target]", "lean").GetAttribute("rel"));
    }
}
