using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Components.Shared;

/// <summary>
/// MudSelect's markup showing the chosen text, with a transparent native <c>&lt;select&gt;</c> laid over it (the
/// <c>eps-select</c> styles): the browser's own list, keyboard and phone pickers included, instead of a popover with
/// an item component per option.
/// </summary>
internal static class LeanSelect
{
    /// <summary>An outlined select with a floating label.</summary>
    public static RenderFragment Outlined(string id, string label, string value, IReadOnlyList<(string Value, string Text)> options,
        EventCallback<ChangeEventArgs> onChange, string? extraClass = null, string? style = null) =>
        Render(Variant.Outlined, id, label, null, value, options, onChange, extraClass, style);

    /// <summary>A plain (text) select without a label of its own, named by the element <paramref name="labelledBy"/>.</summary>
    public static RenderFragment Text(string labelledBy, string value, IReadOnlyList<(string Value, string Text)> options,
        EventCallback<ChangeEventArgs> onChange, string? extraClass = null) =>
        Render(Variant.Text, null, null, labelledBy, value, options, onChange, extraClass, null);

    public static string ControlClasses(Variant variant, bool labelled, string? extra) =>
        LeanCss.Join(labelled ? $"mud-input-control mud-input-{Name(variant)}-with-label mud-select" : "mud-input-control mud-select", extra);

    public static string InputClasses(Variant variant, bool labelled) => labelled
        ? $"mud-input mud-input-{Name(variant)} mud-input-{Name(variant)}-with-label mud-input-adorned-end mud-shrink mud-typography-subtitle1 mud-select-input mud-input-sizing-fixed"
        : $"mud-input mud-input-{Name(variant)} mud-input-adorned-end mud-shrink mud-typography-subtitle1 mud-select-input mud-input-sizing-fixed";

    public static string SlotClasses(Variant variant) =>
        $"mud-input-slot mud-input-root mud-input-root-{Name(variant)} mud-input-root-adorned-end mud-select-input";

    public static string LabelClasses(Variant variant) =>
        $"mud-input-label mud-input-label-animated mud-input-label-{Name(variant)} mud-input-label-inputcontrol";

    private static string Name(Variant variant) => variant == Variant.Outlined ? "outlined" : "text";

    private static RenderFragment Render(Variant variant, string? id, string? label, string? labelledBy, string value,
        IReadOnlyList<(string Value, string Text)> options, EventCallback<ChangeEventArgs> onChange, string? extraClass, string? style) => builder =>
    {
        var labelled = label is not null;
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", ControlClasses(variant, labelled, extraClass));
        builder.AddAttribute(2, "style", style);
        builder.OpenElement(3, "div");
        builder.AddAttribute(4, "class", "mud-input-control-input-container");
        builder.OpenElement(5, "div");
        builder.AddAttribute(6, "class", InputClasses(variant, labelled));
        builder.OpenElement(7, "div");
        builder.AddAttribute(8, "class", SlotClasses(variant));
        builder.AddAttribute(9, "style", "display:inline");
        builder.AddAttribute(10, "aria-hidden", "true");
        builder.AddContent(11, TextOf(options, value));
        builder.CloseElement();
        builder.OpenElement(12, "div");
        builder.AddAttribute(13, "class", "mud-input-adornment mud-input-adornment-end");
        builder.AddContent(14, SvgIcon.Of(Icons.Material.Filled.ArrowDropDown, "mud-icon-default mud-input-adornment-icon"));
        builder.CloseElement();
        if (labelled && variant == Variant.Outlined)
        {
            builder.OpenElement(15, "fieldset");
            builder.AddAttribute(16, "class", "mud-input-outlined-border");
            builder.OpenElement(17, "legend");
            builder.AddContent(18, label);
            builder.CloseElement();
            builder.CloseElement();
        }

        builder.OpenElement(19, "select");
        builder.AddAttribute(20, "id", id);
        builder.AddAttribute(21, "aria-labelledby", labelledBy);
        builder.AddAttribute(22, "onchange", onChange);
        foreach (var (optionValue, text) in options)
        {
            builder.OpenElement(23, "option");
            builder.AddAttribute(24, "value", optionValue);
            builder.AddAttribute(25, "selected", optionValue == value);
            builder.AddContent(26, text);
            builder.CloseElement();
        }

        builder.CloseElement();
        builder.CloseElement();
        if (labelled)
        {
            builder.OpenElement(27, "label");
            builder.AddAttribute(28, "class", LabelClasses(variant));
            builder.AddAttribute(29, "for", id);
            builder.AddContent(30, label);
            builder.CloseElement();
        }

        builder.CloseElement();
        builder.CloseElement();
    };

    private static string TextOf(IReadOnlyList<(string Value, string Text)> options, string value)
    {
        foreach (var option in options)
        {
            if (option.Value == value)
            {
                return option.Text;
            }
        }

        return "";
    }
}
