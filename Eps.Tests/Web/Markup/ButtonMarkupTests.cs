using Eps.Web.Components.Shared;
using MudBlazor;
using static Eps.Tests.Web.Markup.LeanMarkup;

namespace Eps.Tests.Web.Markup;

public sealed class ButtonMarkupTests
{
    public static TheoryData<Variant, Color, Size, string?, string?> Buttons => new()
    {
        { Variant.Filled, Color.Primary, Size.Medium, Icons.Material.Filled.QrCodeScanner, null }, // Scan token
        { Variant.Outlined, Color.Primary, Size.Small, null, null },                             // Verify, per queue row
        { Variant.Text, Color.Inherit, Size.Medium, Icons.Material.Filled.Logout, null },          // Account, Sign out
        { Variant.Outlined, Color.Inherit, Size.Medium, null, "ml-2" },                           // Sign in
    };

    [Theory]
    [MemberData(nameof(Buttons))]
    public async Task LeanButton_has_MudButton_classes(Variant variant, Color color, Size size, string? startIcon, string? extra)
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudButton>(p => p.Add(x => x.Variant, variant).Add(x => x.Color, color).Add(x => x.Size, size)
            .Add(x => x.StartIcon, startIcon).Add(x => x.Class, extra).AddChildContent("Go"));
        var lean = markup.Lean("button", LeanButton.Classes(variant, color, size, extra), LeanButton.Label("Go", startIcon));

        SameClasses(mud, lean, "button");
        SameClasses(mud, lean, ".mud-button-label");
        if (startIcon is not null)
        {
            SameClasses(mud, lean, ".mud-button-icon-start");
            SameClasses(mud, lean, ".mud-button-icon-start svg");
        }
    }

    [Fact]
    public async Task LeanButton_label_markup_is_the_label_as_one_piece()
    {
        await using var markup = new LeanMarkup();
        var asMarkup = markup.Lean(builder => builder.AddContent(0, LeanButton.LabelMarkup("Mark <ready>")));
        var asElements = markup.Lean(LeanButton.Label("Mark <ready>"));

        Assert.Equal(asElements.Markup, asMarkup.Markup);
    }

    [Fact]
    public async Task LeanIconButton_has_MudIconButton_classes_in_the_app_bar()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudIconButton>(p => p.Add(x => x.Icon, Icons.Material.Filled.Menu).Add(x => x.Color, Color.Inherit).Add(x => x.Edge, Edge.Start)
            .Add(x => x.Class, "d-md-none"));
        var lean = markup.Lean("button", LeanIconButton.Classes(Color.Inherit, edge: Edge.Start, extra: "d-md-none"), LeanIconButton.Label(Icons.Material.Filled.Menu));

        SameClasses(mud, lean, "button");
        SameClasses(mud, lean, ".mud-icon-button-label");
        SameClasses(mud, lean, "svg");
    }

    [Fact]
    public async Task LeanIconButton_has_MudIconButton_classes_when_small()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudIconButton>(p => p.Add(x => x.Icon, Icons.Material.Filled.Clear).Add(x => x.Size, Size.Small).Add(x => x.Edge, Edge.End));
        var lean = markup.Lean("button", LeanIconButton.Classes(size: Size.Small, edge: Edge.End), LeanIconButton.Label(Icons.Material.Filled.Clear, Size.Small));

        SameClasses(mud, lean, "button");
        SameClasses(mud, lean, "svg");
    }
}
