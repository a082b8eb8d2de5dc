using Eps.Web.Components.Shared;
using MudBlazor;
using static Eps.Tests.Web.Markup.LeanMarkup;

namespace Eps.Tests.Web.Markup;

public sealed class TypographyMarkupTests
{
    [Theory]
    [InlineData(Typo.h4, "h1", null)]
    [InlineData(Typo.h6, "h6", null)]
    [InlineData(Typo.body1, "p", "pa-4")]
    [InlineData(Typo.body2, "p", "mud-text-secondary")]
    [InlineData(Typo.overline, "span", "px-4 mt-2")]
    public async Task LeanText_has_MudText_classes(Typo typo, string tag, string? extra)
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudText>(p => p.Add(x => x.Typo, typo).Add(x => x.HtmlTag, tag).Add(x => x.Class, extra).AddChildContent("Queue"));
        var lean = markup.Lean(tag, LeanText.Classes(typo, extra));

        SameClasses(mud, lean, tag);
    }

    [Fact]
    public async Task LeanLink_has_MudLink_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudLink>(p => p.Add(x => x.Href, "/").Add(x => x.Color, Color.Inherit).Add(x => x.Underline, Underline.None)
            .Add(x => x.Class, "d-flex ml-2").AddChildContent("Eps"));
        var lean = markup.Lean("a", LeanLink.Classes(Color.Inherit, Underline.None, "d-flex ml-2"));

        SameClasses(mud, lean, "a");
    }

    [Fact]
    public async Task LeanDivider_has_MudDivider_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudDivider>(p => p.Add(x => x.Class, "my-2"));
        var lean = markup.Lean("hr", LeanDivider.Classes("my-2"));

        SameClasses(mud, lean, "hr");
    }

    [Theory]
    [InlineData(Size.Medium, null)]
    [InlineData(Size.Small, null)]
    [InlineData(Size.Medium, "mud-nav-link-icon")]
    public async Task SvgIcon_has_MudIcon_classes(Size size, string? extra)
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudIcon>(p => p.Add(x => x.Icon, Icons.Material.Filled.Home).Add(x => x.Size, size).Add(x => x.Class, extra));
        var lean = markup.Lean(SvgIcon.Of(Icons.Material.Filled.Home, size, extra));

        SameClasses(mud, lean, "svg");
    }
}
