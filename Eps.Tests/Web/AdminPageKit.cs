using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Eps.Tests.Web;

/// <summary>Finding and driving the admin pages' fields and buttons, re-queried on every call.</summary>
internal static class AdminPageKit
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static IElement Field(IElement scope, string label) =>
        scope.QuerySelectorAll(".mud-input-control").Single(c => c.QuerySelector(".mud-input-label")?.TextContent.Trim() == label);

    public static void Type(IElement scope, string label, string value) => Field(scope, label).QuerySelector("input")!.Change(value);

    public static string? ErrorIn(IElement scope, string label) =>
        Field(scope, label).QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    /// <summary>The table row whose text contains <paramref name="text"/>.</summary>
    public static IElement Row<T>(IRenderedComponent<T> cut, string table, string text) where T : IComponent =>
        cut.FindAll($"[data-testid={table}] tbody tr").Single(r => r.TextContent.Contains(text, StringComparison.Ordinal));

    public static void Click<T>(IRenderedComponent<T> cut, string text, IElement? scope = null) where T : IComponent =>
        cut.InvokeAsync(() => (scope?.QuerySelectorAll("button") ?? cut.FindAll("button")).Single(b => b.TextContent.Trim() == text).Click())
            .GetAwaiter().GetResult();

    public static void Submit<T>(IRenderedComponent<T> cut, string form) where T : IComponent =>
        cut.InvokeAsync(() => cut.Find($"[data-testid={form}] form").Submit()).GetAwaiter().GetResult();
}
