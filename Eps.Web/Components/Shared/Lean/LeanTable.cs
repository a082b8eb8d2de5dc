using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Components.Shared;

/// <summary>
/// MudTable's markup (its MudTh, MudTr, MudTd and loading bar) for a table whose rows are plain markup: the owner
/// writes the rows with <see cref="Row"/> and <see cref="Cell"/>, so a pushed change re-renders one component only.
/// </summary>
internal static class LeanTable
{
    public const string Row = "mud-table-row";

    public const string Cell = "mud-table-cell";

    public const string LoadingCellClasses = "mud-table-loading";

    public const string LoadingProgressClasses =
        "mud-progress-linear mud-progress-indeterminate mud-progress-linear-small mud-progress-linear-color-primary mud-progress-linear-background horizontal mud-table-loading-progress";

    public static string Classes(Breakpoint breakpoint, bool dense, bool hover, bool outlined)
    {
        var classes = $"mud-table mud-{breakpoint.ToString().ToLowerInvariant()}-table";
        classes += dense ? " mud-table-dense" : "";
        classes += hover ? " mud-table-hover" : "";
        return classes + (outlined ? " mud-table-outlined" : " mud-elevation-1");
    }

    public static string HeadClasses(bool dense) => dense ? "mud-table-head mud-table-dense" : "mud-table-head";

    /// <summary>The table: <paramref name="headerCells"/> (see <see cref="HeaderCell"/>), the loading bar under them while
    /// <paramref name="loading"/>, the body rows and the pager (<see cref="LeanTablePager"/>).</summary>
    public static RenderFragment Render(string classes, bool dense, RenderFragment headerCells, bool loading, RenderFragment body,
        RenderFragment? pager = null, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "data-testid", testId);
        builder.AddAttribute(2, "class", classes);
        builder.OpenElement(3, "div");
        builder.AddAttribute(4, "class", "mud-table-container");
        builder.OpenElement(5, "table");
        builder.AddAttribute(6, "class", "mud-table-root");
        builder.OpenElement(7, "thead");
        builder.AddAttribute(8, "class", HeadClasses(dense));
        builder.OpenElement(9, "tr");
        builder.AddAttribute(10, "class", Row);
        builder.AddContent(11, headerCells);
        builder.CloseElement();
        if (loading)
        {
            builder.AddContent(12, LoadingRow);
        }

        builder.CloseElement();
        builder.OpenElement(13, "tbody");
        builder.AddAttribute(14, "class", "mud-table-body");
        builder.AddContent(15, body);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        if (pager is not null)
        {
            builder.OpenElement(16, "div");
            builder.AddAttribute(17, "class", "mud-table-pagination");
            builder.AddContent(18, pager);
            builder.CloseElement();
        }

        builder.CloseElement();
    };

    /// <summary>
    /// Opens a body cell (MudTd's markup, with its data label for the stacked layout) in markup written as text: a row's
    /// read-only cells can then be one render-tree frame. Close it with <c>&lt;/td&gt;</c>.
    /// </summary>
    public static StringBuilder OpenCell(StringBuilder html, string? dataLabel)
    {
        html.Append("<td");
        if (dataLabel is not null)
        {
            html.Append(" data-label=\"").Append(HtmlEncoder.Default.Encode(dataLabel)).Append('"');
        }

        return html.Append(" class=\"").Append(Cell).Append("\">");
    }

    public static RenderFragment HeaderCell(string? text) => builder =>
    {
        builder.OpenElement(0, "th");
        builder.AddAttribute(1, "scope", "col");
        builder.AddAttribute(2, "class", Cell);
        builder.AddContent(3, text);
        builder.CloseElement();
    };

    /// <summary>The row shown when there are no rows (MudTable's NoRecordsContent).</summary>
    public static RenderFragment EmptyRow(RenderFragment content) => builder =>
    {
        builder.OpenElement(0, "tr");
        builder.AddAttribute(1, "class", Row);
        builder.OpenElement(2, "th");
        builder.AddAttribute(3, "colspan", "1000");
        builder.AddAttribute(4, "class", "mud-table-empty-row");
        builder.OpenElement(5, "div");
        builder.AddAttribute(6, "class", "my-3");
        builder.AddContent(7, content);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>MudTable's loading row: an indeterminate MudProgressLinear across the table.</summary>
    public static readonly RenderFragment LoadingRow = builder =>
    {
        builder.OpenElement(0, "tr");
        builder.AddAttribute(1, "class", "mud-table-loading-row");
        builder.OpenElement(2, "td");
        builder.AddAttribute(3, "colspan", "1000");
        builder.AddAttribute(4, "class", LoadingCellClasses);
        builder.OpenElement(5, "div");
        builder.AddAttribute(6, "role", "progressbar");
        builder.AddAttribute(7, "aria-label", "Loading");
        builder.AddAttribute(8, "class", LoadingProgressClasses);
        builder.AddMarkupContent(9, "<div class=\"mud-progress-linear-bars mud-flip-x-rtl\"><div class=\"mud-progress-linear-bar\"></div><div class=\"mud-progress-linear-bar\"></div></div>");
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
