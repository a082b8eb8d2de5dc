using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace Eps.Tests.Web.Markup;

/// <summary>
/// Renders a lean imitation (Eps.Web/Components/Shared/Lean) beside the MudBlazor component it copies and compares the
/// class tokens of corresponding elements, so a MudBlazor upgrade that changes its classes fails here rather than
/// silently changing how the queue and the layout look. Where the imitation differs on purpose, the test names the
/// tokens it leaves out or adds; a left-out token must still be MudBlazor's, or the difference is stale.
/// </summary>
internal sealed class LeanMarkup : IAsyncDisposable
{
    public LeanMarkup()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        PopoverProvider = Context.Render<MudPopoverProvider>();
    }

    public BunitContext Context { get; } = new();

    /// <summary>Where MudBlazor renders overlays.</summary>
    public IRenderedComponent<MudPopoverProvider> PopoverProvider { get; }

    public IRenderedComponent<TComponent> Mud<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent => Context.Render(parameters);

    public IRenderedComponent<IComponent> Lean(RenderFragment fragment) => Context.Render(fragment);

    /// <summary>An element written with a lean class list, holding lean content (as the pages write buttons).</summary>
    public IRenderedComponent<IComponent> Lean(string element, string classes, RenderFragment? content = null) => Lean(builder =>
    {
        builder.OpenElement(0, element);
        builder.AddAttribute(1, "class", classes);
        builder.AddContent(2, content);
        builder.CloseElement();
    });

    public ValueTask DisposeAsync() => Context.DisposeAsync();

    /// <summary>Compares the first element matching <paramref name="selector"/> in each (the root when it matches).</summary>
    public static void SameClasses(IRenderedComponent<IComponent> mud, IRenderedComponent<IComponent> lean, string selector,
        string[]? leanOmits = null, string[]? leanAdds = null) =>
        SameClasses(Find(mud, selector, "MudBlazor"), Find(lean, selector, "lean"), selector, leanOmits, leanAdds);

    public static void SameClasses(IElement mud, IElement lean, string what, string[]? leanOmits = null, string[]? leanAdds = null)
    {
        var mudClasses = mud.ClassList.ToHashSet(StringComparer.Ordinal);
        foreach (var omitted in leanOmits ?? [])
        {
            Assert.True(mudClasses.Remove(omitted), $"{what}: MudBlazor no longer renders '{omitted}', which the lean markup leaves out on purpose ({mud.ClassName}).");
        }

        foreach (var added in leanAdds ?? [])
        {
            Assert.False(mudClasses.Contains(added), $"{what}: MudBlazor now renders '{added}' itself ({mud.ClassName}).");
            mudClasses.Add(added);
        }

        var expected = string.Join(' ', mudClasses.Order(StringComparer.Ordinal));
        var actual = string.Join(' ', lean.ClassList.Order(StringComparer.Ordinal));
        Assert.True(expected == actual, $"{what}: MudBlazor renders '{mud.ClassName}', the lean markup '{lean.ClassName}'.");
    }

    public static IElement Find(IRenderedComponent<IComponent> cut, string selector, string side)
    {
        var match = cut.Nodes.OfType<IElement>().Select(e => e.Matches(selector) ? e : e.QuerySelector(selector)).FirstOrDefault(e => e is not null);
        return match ?? throw new Xunit.Sdk.XunitException($"No '{selector}' in the {side} markup: {cut.Markup}");
    }
}
