using System.Globalization;
using Eps.Core.Drugs;
using Eps.Core.Queue;
using Eps.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Queue;

/// <summary>
/// The queue's rows and pager (25, 50 or 100 rows a page), loaded through <see cref="Load"/>. The first load starts
/// once the page is interactive; the owner reloads on filter changes and on queue events.
/// </summary>
public sealed partial class QueueTable : IDisposable
{
    private static readonly int[] PageSizes = [25, 50, 100];
    private static readonly (string Value, string Text)[] PageSizeOptions =
        [.. PageSizes.Select(size => (size.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture)))];

    private static readonly string TableClasses = LeanTable.Classes(Breakpoint.Sm, dense: true, hover: true, outlined: true);
    private static readonly string EmptyTextClasses = LeanText.Classes(Typo.body1, "pa-4");
    private static readonly string VerifyButtonClasses = LeanButton.Classes(Variant.Outlined, Color.Primary, Size.Small);
    private static readonly RenderFragment VerifyButtonLabel = LeanButton.Label("Verify");

    private IReadOnlyList<QueueRow> _rows = [];
    private int _total;
    private int _page;
    private int _rowsPerPage = PageSizes[0];
    private bool _loading = true;
    private CancellationTokenSource? _load;

    /// <summary>Reads one page: skip, take.</summary>
    [Parameter, EditorRequired] public Func<int, int, CancellationToken, Task<QueuePage>> Load { get; set; } = null!;

    [Parameter] public QueueTab Tab { get; set; }

    [Parameter] public string EmptyText { get; set; } = "";

    [Parameter] public EventCallback<string> OnVerify { get; set; }

    private string LastColumn => Tab == QueueTab.Dispensed ? "Dispensed" : "Expires";

    private int LastPage => Math.Max(0, (_total - 1) / _rowsPerPage);

    private string PageInformation => _total == 0
        ? "0-0 of 0"
        : string.Create(CultureInfo.InvariantCulture, $"{(_page * _rowsPerPage) + 1}-{Math.Min(_total, (_page + 1) * _rowsPerPage)} of {_total}");

    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? ReloadAsync() : Task.CompletedTask;

    /// <summary>
    /// Reads the current page again; a newer load cancels an older one. <paramref name="showLoading"/> shows the loading
    /// bar (filter and page changes); a pushed refresh swaps the rows in one render instead.
    /// </summary>
    public async Task ReloadAsync(bool showLoading = true)
    {
        if (_load is not null)
        {
            await _load.CancelAsync();
            _load.Dispose();
        }

        var load = _load = new CancellationTokenSource();
        if (showLoading && !_loading)
        {
            _loading = true;
            StateHasChanged();
        }

        try
        {
            var page = await Load(_page * _rowsPerPage, _rowsPerPage, load.Token);
            if (!ReferenceEquals(load, _load))
            {
                return;
            }

            (_rows, _total) = (page.Rows, page.TotalRows);
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            return; // a newer load owns the table now
        }

        _loading = false;
        StateHasChanged();
    }

    private Task GoToAsync(int page)
    {
        _page = Math.Clamp(page, 0, LastPage);
        return ReloadAsync();
    }

    private Task OnRowsPerPageChanged(ChangeEventArgs e)
    {
        if (!int.TryParse(e.Value as string, CultureInfo.InvariantCulture, out var size) || !PageSizes.Contains(size))
        {
            return Task.CompletedTask;
        }

        (_rowsPerPage, _page) = (size, 0);
        return ReloadAsync();
    }

    private static string PriorityClass(Priority priority) => priority switch
    {
        Priority.Controlled => "eps-tag eps-tag-controlled",
        Priority.HighRisk => "eps-tag eps-tag-high-risk",
        _ => "eps-tag",
    };

    private static string PriorityText(Priority priority) => priority switch
    {
        Priority.Controlled => "Controlled",
        Priority.HighRisk => "High risk",
        _ => "Routine",
    };

    public void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
    }
}
