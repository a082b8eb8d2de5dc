using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Eps.Web.Components.Shared;

/// <summary>MudTablePager's markup (left-aligned): rows per page as a <see cref="LeanSelect"/>, the page information and the four page buttons.</summary>
internal static class LeanTablePager
{
    public const string ToolbarClasses = "mud-toolbar mud-toolbar-gutters mud-table-pagination-toolbar mud-tablepager-left";

    public const string SelectExtra = "mud-table-pagination-select";

    /// <summary>The pager; <paramref name="goTo"/> receives the page a button asks for (the owner clamps it).</summary>
    public static RenderFragment Render(string rowsPerPageId, string rowsPerPage, IReadOnlyList<(string Value, string Text)> pageSizes,
        EventCallback<ChangeEventArgs> onRowsPerPage, string pageInformation, int page, int lastPage, EventCallback<int> goTo) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "role", "toolbar");
        builder.AddAttribute(2, "class", ToolbarClasses);
        builder.AddMarkupContent(3, "<div class=\"mud-table-pagination-spacer\"></div>");
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", "mud-table-pagination-display mud-tablepager-left");
        builder.OpenElement(6, "div");
        builder.AddAttribute(7, "class", "mud-table-pagination-caption");
        builder.OpenElement(8, "div");
        builder.AddAttribute(9, "class", "mud-table-pagination-information");
        builder.AddAttribute(10, "id", rowsPerPageId);
        builder.AddContent(11, "Rows per page:");
        builder.CloseElement();
        builder.CloseElement();
        builder.AddContent(12, LeanSelect.Text(rowsPerPageId, rowsPerPage, pageSizes, onRowsPerPage, $"{SelectExtra} eps-select"));
        builder.CloseElement();
        builder.OpenElement(13, "div");
        builder.AddAttribute(14, "class", "mud-table-pagination-caption");
        builder.OpenElement(15, "div");
        builder.AddAttribute(16, "class", "mud-table-page-number-information");
        builder.AddAttribute(17, "translate", "no");
        builder.AddContent(18, pageInformation);
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(19, "div");
        builder.AddAttribute(20, "class", "mud-table-pagination-actions");
        // Inline buttons with white space between them, spaced as MudTablePager's are.
        builder.AddContent(21, Button("mud-table-pagination-first-button", "First page", Icons.Material.Filled.FirstPage, page == 0, 0, goTo));
        builder.AddContent(22, " ");
        builder.AddContent(23, Button("mud-table-pagination-before-button", "Previous page", Icons.Material.Filled.NavigateBefore, page == 0, page - 1, goTo));
        builder.AddContent(24, " ");
        builder.AddContent(25, Button("mud-table-pagination-next-button", "Next page", Icons.Material.Filled.NavigateNext, page >= lastPage, page + 1, goTo));
        builder.AddContent(26, " ");
        builder.AddContent(27, Button("mud-table-pagination-last-button", "Last page", Icons.Material.Filled.LastPage, page >= lastPage, lastPage, goTo));
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>A page button: an icon button that mirrors in right-to-left layouts.</summary>
    public static string ButtonClasses(string kind) => LeanIconButton.Classes(extra: $"mud-flip-x-rtl {kind}");

    private static RenderFragment Button(string kind, string label, string icon, bool disabled, int page, EventCallback<int> goTo) => builder =>
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "class", ButtonClasses(kind));
        builder.AddAttribute(2, "aria-label", label);
        builder.AddAttribute(3, "type", "button");
        builder.AddAttribute(4, "disabled", disabled);
        builder.AddAttribute(5, "onclick", () => goTo.InvokeAsync(page));
        builder.AddEventStopPropagationAttribute(6, "onclick", true);
        builder.AddContent(7, LeanIconButton.Label(icon));
        builder.CloseElement();
    };
}
