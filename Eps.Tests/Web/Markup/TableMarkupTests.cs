using Bunit;
using Eps.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using static Eps.Tests.Web.Markup.LeanMarkup;

namespace Eps.Tests.Web.Markup;

public sealed class TableMarkupTests
{
    private sealed record Row(string Name);

    private static readonly RenderFragment LeanRows = builder =>
    {
        builder.OpenElement(0, "tr");
        builder.AddAttribute(1, "class", LeanTable.Row);
        builder.OpenElement(2, "td");
        builder.AddAttribute(3, "data-label", "Name");
        builder.AddAttribute(4, "class", LeanTable.Cell);
        builder.AddContent(5, "Adaeze");
        builder.CloseElement();
        builder.CloseElement();
    };

    private static IRenderedComponent<IComponent> MudTable(LeanMarkup markup, IEnumerable<Row> rows, bool loading, RenderFragment? noRecords = null) =>
        markup.Mud<MudTable<Row>>(p => p.Add(x => x.Items, rows).Add(x => x.Breakpoint, Breakpoint.Sm).Add(x => x.Dense, true).Add(x => x.Hover, true)
            .Add(x => x.Outlined, true).Add(x => x.Loading, loading).Add(x => x.LoadingProgressColor, Color.Primary).Add(x => x.NoRecordsContent, noRecords)
            .Add(x => x.HeaderContent, b =>
            {
                b.OpenComponent<MudTh>(0);
                b.AddAttribute(1, "ChildContent", (RenderFragment)(c => c.AddContent(0, "Name")));
                b.CloseComponent();
            })
            .Add(x => x.RowTemplate, row => b =>
            {
                b.OpenComponent<MudTd>(0);
                b.AddAttribute(1, "DataLabel", "Name");
                b.AddAttribute(2, "ChildContent", (RenderFragment)(c => c.AddContent(0, row.Name)));
                b.CloseComponent();
            })
            .Add(x => x.PagerContent, b =>
            {
                b.OpenComponent<MudTablePager>(0);
                b.CloseComponent();
            }));

    private static RenderFragment LeanPager => LeanTablePager.Render("rows-per-page", "25", [("25", "25"), ("50", "50")], default, "1-1 of 1", 0, 0, default);

    private static string LeanClasses => LeanTable.Classes(Breakpoint.Sm, dense: true, hover: true, outlined: true);

    [Fact]
    public async Task LeanTable_has_MudTable_classes_on_its_frame_rows_and_cells()
    {
        await using var markup = new LeanMarkup();
        var mud = MudTable(markup, [new Row("Adaeze")], loading: true);
        var lean = markup.Lean(LeanTable.Render(LeanClasses, dense: true, LeanTable.HeaderCell("Name"), loading: true, LeanRows, LeanPager));

        foreach (var selector in new[]
        {
            ".mud-table", ".mud-table-container", "table", "thead", "thead tr.mud-table-row", "th", "tbody", "tbody tr", "tbody td",
            ".mud-table-loading-row", ".mud-table-loading-row td", ".mud-table-loading-progress", ".mud-progress-linear-bars", ".mud-progress-linear-bar",
        })
        {
            SameClasses(mud, lean, selector);
        }
    }

    [Fact]
    public async Task LeanTable_cells_written_as_markup_have_MudTd_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = MudTable(markup, [new Row("Adaeze")], loading: false);
        var cell = LeanTable.OpenCell(new System.Text.StringBuilder(), "Name").Append("Adaeze</td>").ToString();
        var lean = markup.Lean(LeanTable.Render(LeanClasses, dense: true, LeanTable.HeaderCell("Name"), loading: false, builder =>
        {
            builder.OpenElement(0, "tr");
            builder.AddAttribute(1, "class", LeanTable.Row);
            builder.AddMarkupContent(2, cell);
            builder.CloseElement();
        }));

        SameClasses(mud, lean, "tbody td");
        Assert.Equal(Find(mud, "tbody td", "MudBlazor").GetAttribute("data-label"), Find(lean, "tbody td", "lean").GetAttribute("data-label"));
    }

    [Fact]
    public async Task LeanTablePager_has_MudTablePager_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = MudTable(markup, [new Row("Adaeze")], loading: false);
        var lean = markup.Lean(LeanTable.Render(LeanClasses, dense: true, LeanTable.HeaderCell("Name"), loading: false, LeanRows, LeanPager));

        foreach (var selector in new[]
        {
            ".mud-table-pagination", ".mud-table-pagination-toolbar", ".mud-table-pagination-spacer", ".mud-table-pagination-display",
            ".mud-table-pagination-caption", ".mud-table-pagination-information", ".mud-table-pagination-select .mud-input",
            ".mud-table-pagination-select div.mud-input-slot", ".mud-table-pagination-select .mud-input-adornment",
            ".mud-table-pagination-select .mud-input-adornment svg", ".mud-table-page-number-information", ".mud-table-pagination-actions",
            ".mud-table-pagination-first-button", ".mud-table-pagination-before-button", ".mud-table-pagination-next-button",
            ".mud-table-pagination-last-button", ".mud-table-pagination-last-button .mud-icon-button-label", ".mud-table-pagination-last-button svg",
        })
        {
            SameClasses(mud, lean, selector);
        }

        // eps-select lays the native <select> over the shown value.
        SameClasses(mud, lean, ".mud-table-pagination-select", leanAdds: ["eps-select"]);
    }

    [Fact]
    public async Task LeanTable_empty_row_has_MudTable_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = MudTable(markup, [], loading: false, noRecords: b => b.AddContent(0, "None"));
        var lean = markup.Lean(LeanTable.Render(LeanClasses, dense: true, LeanTable.HeaderCell("Name"), loading: false,
            LeanTable.EmptyRow(b => b.AddContent(0, "None"))));

        SameClasses(mud, lean, ".mud-table-empty-row");
        SameClasses(mud, lean, ".mud-table-empty-row > div");
        // The empty row is a table row like the others (its height and borders).
        SameClasses(Find(mud, ".mud-table-empty-row", "MudBlazor").ParentElement!, Find(lean, ".mud-table-empty-row", "lean").ParentElement!,
            "empty row", leanAdds: ["mud-table-row"]);
    }
}
