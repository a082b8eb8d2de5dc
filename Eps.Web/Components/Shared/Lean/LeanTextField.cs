using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Components.Shared;

/// <summary>MudTextField's markup, outlined and dense, with a start icon and a clear button while it holds text.</summary>
internal static class LeanTextField
{
    public const string ControlClasses =
        "mud-input-control mud-input-control-margin-dense mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed";

    public const string InputClasses =
        "mud-input mud-input-outlined mud-input-outlined-with-label mud-input-adorned-start mud-input-margin-dense mud-shrink mud-typography-subtitle1 mud-input-sizing-fixed";

    public const string SlotClasses = "mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-adorned-start mud-input-root-margin-dense";

    public const string LabelClasses =
        "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol";

    /// <summary>The classes MudInput adds to its clear button (an icon button, small).</summary>
    public const string ClearButtonExtra = "mud-input-clear-button mud-icon-button-edge-margin-end";

    private static readonly string ClearButtonClasses = LeanIconButton.Classes(size: Size.Small, extra: ClearButtonExtra);

    /// <summary>
    /// A text input reporting every keystroke through <paramref name="onInput"/> (as <c>@bind:event="oninput"</c>);
    /// <paramref name="onClear"/> runs when the clear button is pressed.
    /// </summary>
    public static RenderFragment Outlined(string id, string label, string startIcon, string? value,
        EventCallback<ChangeEventArgs> onInput, EventCallback onClear, string? style = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", ControlClasses);
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", InputClasses);
        builder.AddAttribute(6, "style", style);
        builder.OpenElement(7, "div");
        builder.AddAttribute(8, "class", "mud-input-adornment mud-input-adornment-start");
        builder.AddContent(9, SvgIcon.Of(startIcon, "mud-icon-default mud-input-adornment-icon"));
        builder.CloseElement();
        builder.OpenElement(10, "input");
        builder.AddAttribute(11, "id", id);
        builder.AddAttribute(12, "type", "text");
        builder.AddAttribute(13, "class", SlotClasses);
        builder.AddAttribute(14, "value", value);
        builder.AddAttribute(15, "oninput", onInput);
        builder.SetUpdatesAttributeName("value");
        builder.CloseElement();
        if (!string.IsNullOrEmpty(value))
        {
            builder.OpenElement(16, "button");
            builder.AddAttribute(17, "type", "button");
            builder.AddAttribute(18, "aria-label", "Clear");
            builder.AddAttribute(19, "tabindex", "-1");
            builder.AddAttribute(20, "onclick", onClear);
            builder.AddAttribute(21, "class", ClearButtonClasses);
            builder.AddContent(22, LeanIconButton.Label(Icons.Material.Filled.Clear, Size.Small));
            builder.CloseElement();
        }

        builder.OpenElement(23, "fieldset");
        builder.AddAttribute(24, "class", "mud-input-outlined-border");
        builder.OpenElement(25, "legend");
        builder.AddContent(26, label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(27, "label");
        builder.AddAttribute(28, "class", LabelClasses);
        builder.AddAttribute(29, "for", id);
        builder.AddContent(30, label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
