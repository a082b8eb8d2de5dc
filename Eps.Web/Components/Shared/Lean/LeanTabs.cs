using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Eps.Web.Components.Shared;

/// <summary>
/// MudTabs' tab bar (no panels: the owner shows what the selected tab means), tabs as buttons with the WAI-ARIA tabs
/// roles; the owner handles the keys (<paramref name="onKeyDown"/>) and captures the tabs for focus.
/// </summary>
internal static class LeanTabs
{
    public const string TabClasses = "mud-tab mud-ripple";

    public const string ActiveTabClasses = "mud-tab mud-tab-active mud-ripple";

    public const string SliderClasses = "mud-tab-slider mud-tab-slider-horizontal";

    public static RenderFragment Bar(string ariaLabel, IReadOnlyList<string> tabs, int active, EventCallback<int> onSelect,
        EventCallback<KeyboardEventArgs> onKeyDown, ElementReference[] tabButtons, string? extraClass = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", LeanCss.Join("mud-tabs", extraClass));
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-tabs-tabbar");
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", "mud-tabs-tabbar-inner");
        builder.OpenElement(6, "div");
        builder.AddAttribute(7, "class", "mud-tabs-tabbar-content");
        builder.OpenElement(8, "div");
        builder.AddAttribute(9, "class", "mud-tabs-tabbar-wrapper");
        builder.AddAttribute(10, "role", "tablist");
        builder.AddAttribute(11, "aria-label", ariaLabel);
        builder.AddAttribute(12, "onkeydown", onKeyDown);
        for (var i = 0; i < tabs.Count; i++)
        {
            var index = i;
            var selected = i == active;
            builder.OpenElement(13, "button");
            builder.AddAttribute(14, "type", "button");
            builder.AddAttribute(15, "role", "tab");
            builder.AddAttribute(16, "aria-selected", selected ? "true" : "false");
            builder.AddAttribute(17, "tabindex", selected ? "0" : "-1");
            builder.AddAttribute(18, "class", selected ? ActiveTabClasses : TabClasses);
            builder.AddAttribute(19, "onclick", () => onSelect.InvokeAsync(index));
            builder.AddElementReferenceCapture(20, element => tabButtons[index] = element);
            builder.AddContent(21, tabs[i]);
            builder.CloseElement();
        }

        builder.OpenElement(22, "div");
        builder.AddAttribute(23, "class", SliderClasses);
        builder.AddAttribute(24, "style", string.Create(CultureInfo.InvariantCulture,
            $"width:{100.0 / tabs.Count:0.##}%;left:{100.0 * active / tabs.Count:0.##}%"));
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
