using Eps.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using static Eps.Tests.Web.Markup.LeanMarkup;

namespace Eps.Tests.Web.Markup;

public sealed class InputMarkupTests
{
    [Fact]
    public async Task LeanTextField_has_the_classes_of_an_outlined_dense_clearable_MudTextField()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudTextField<string>>(p => p.Add(x => x.Label, "Search").Add(x => x.Variant, Variant.Outlined).Add(x => x.Margin, Margin.Dense)
            .Add(x => x.Adornment, Adornment.Start).Add(x => x.AdornmentIcon, Icons.Material.Filled.Search).Add(x => x.Clearable, true).Add(x => x.Value, "okafor"));
        var lean = markup.Lean(LeanTextField.Outlined("search", "Search", Icons.Material.Filled.Search, "okafor", default, default));

        foreach (var selector in new[]
        {
            ".mud-input-control", ".mud-input-control-input-container", ".mud-input", ".mud-input-adornment", ".mud-input-adornment svg",
            "input.mud-input-slot", ".mud-input-clear-button svg", "fieldset", "label",
        })
        {
            SameClasses(mud, lean, selector);
        }

        // mud-no-activator only keeps MudBlazor's popover activator from reacting to the button; it has no style.
        SameClasses(mud, lean, ".mud-input-clear-button", leanOmits: ["mud-no-activator"]);
    }

    [Fact]
    public async Task LeanSelect_has_the_classes_of_an_outlined_MudSelect()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudSelect<string>>(p => p.Add(x => x.Label, "Priority").Add(x => x.Variant, Variant.Outlined).Add(x => x.Class, "eps-select")
            .Add(x => x.Value, "All").AddChildContent<MudSelectItem<string>>(i => i.Add(x => x.Value, "All")));
        var lean = markup.Lean(LeanSelect.Outlined("priority", "Priority", "", [("", "All")], default, "eps-select"));

        // MudSelect wraps the control in one more div.mud-select (its popover's anchor); the lean one has no popover.
        foreach (var selector in new[]
        {
            ".mud-input-control", ".mud-input-control-input-container", ".mud-input", ".mud-input-slot", ".mud-input-adornment",
            ".mud-input-adornment svg", "fieldset", "label",
        })
        {
            SameClasses(mud, lean, selector);
        }

        Assert.Equal("All", Find(lean, ".mud-input-slot", "lean").TextContent);
    }

    [Fact]
    public async Task LeanTabs_has_MudTabs_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudTabs>(p => p.Add(x => x.Class, "eps-tabs")
            .AddChildContent<MudTabPanel>(t => t.Add(x => x.Text, "Pending"))
            .AddChildContent<MudTabPanel>(t => t.Add(x => x.Text, "Dispensed"))
            .AddChildContent<MudTabPanel>(t => t.Add(x => x.Text, "Expired")));
        var lean = markup.Lean(LeanTabs.Bar("Queue", ["Pending", "Dispensed", "Expired"], 0, default, default, new ElementReference[3], "eps-tabs"));

        foreach (var selector in new[] { ".mud-tabs", ".mud-tabs-tabbar", ".mud-tabs-tabbar-inner", ".mud-tabs-tabbar-content", ".mud-tabs-tabbar-wrapper", ".mud-tab-slider" })
        {
            SameClasses(mud, lean, selector);
        }

        // mud-tab-panel on a tab is only styled inside .mud-tabs-panels, which the lean bar does not render.
        SameClasses(mud, lean, ".mud-tab.mud-tab-active", leanOmits: ["mud-tab-panel"]);
        SameClasses(mud, lean, ".mud-tab:not(.mud-tab-active)", leanOmits: ["mud-tab-panel"]);
    }
}
