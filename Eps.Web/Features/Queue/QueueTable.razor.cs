using System.Globalization;
using Eps.Core.Queue;
using Eps.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Queue;

/// <summary>One read of the queue table: the rows and the page they are, which the owner may have moved into range.</summary>
public sealed record QueueTablePage(QueuePage Queue, int Page, int PageSize);

/// <summary>
/// The queue's rows and pager, loaded through <see cref="Load"/>. The first load starts once the page is interactive;
/// the owner reloads on filter changes and on queue events, and owns the page number (it lives in the address). Rows
/// that arrived while the queue is open are marked "New" (<see cref="QueueArrivals"/>) and announced politely.
/// </summary>
public sealed partial class QueueTable : IDisposable
{
    private static readonly (string Value, string Text)[] PageSizeOptions =
        [.. QueueView.PageSizes.Select(size => (size.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture)))];

    private static readonly string TableClasses = LeanTable.Classes(Breakpoint.Sm, dense: true, hover: true, outlined: true);
    private static readonly string EmptyTextClasses = LeanText.Classes(Typo.body1, "px-4 pt-2 pb-2");
    private static readonly string VerifyButtonClasses = LeanButton.Classes(Variant.Outlined, Color.Primary, Size.Small);
    private static readonly MarkupString VerifyButtonLabel = LeanButton.LabelMarkup("Verify");
    private static readonly string ReadyButtonClasses = LeanButton.Classes(Variant.Text, Color.Primary, Size.Small, "ml-1");
    private static readonly MarkupString ReadyButtonLabel = LeanButton.LabelMarkup("Mark ready");
    private static readonly string ClearButtonClasses = LeanButton.Classes(Variant.Outlined, Color.Primary, Size.Small, "ml-4 mb-2");
    private static readonly RenderFragment ClearButtonLabel = LeanButton.Label("Clear filters", Icons.Material.Filled.FilterAltOff);

    private IReadOnlyList<QueueRow> _rows = [];
    private int _total;
    private int _page;
    private int _pageSize = QueueView.DefaultPageSize;
    private bool _loading = true;
    private CancellationTokenSource? _load;
    private QueueArrivals _arrivals = null!;
    private QueueRowCells _cells = null!;
    private string? _announcement;
    /// <summary>Rows whose "Mark ready" is on its way, so a double click sends it once.</summary>
    private readonly HashSet<string> _marking = new(StringComparer.Ordinal);
    private int _announcements;

    [Inject] private TimeProvider Time { get; set; } = null!;

    /// <summary>Reads the page the owner shows.</summary>
    [Parameter, EditorRequired] public Func<CancellationToken, Task<QueueTablePage>> Load { get; set; } = null!;

    [Parameter] public QueueTab Tab { get; set; }

    [Parameter] public string EmptyText { get; set; } = "";

    /// <summary>Whether a filter hides some of the tab's rows: the empty table then offers to clear it.</summary>
    [Parameter] public bool Filtered { get; set; }

    [Parameter] public EventCallback OnClearFilters { get; set; }

    [Parameter] public EventCallback<string> OnVerify { get; set; }

    /// <summary>The pharmacist marks a pending row ready for collection (stock prepared).</summary>
    [Parameter] public EventCallback<string> OnMarkReady { get; set; }

    /// <summary>The page (from 0) a pager button asks for.</summary>
    [Parameter] public EventCallback<int> PageRequested { get; set; }

    [Parameter] public EventCallback<int> PageSizeRequested { get; set; }

    private string LastColumn => QueueRowCells.LastColumn(Tab);

    private int LastPage => Math.Max(0, (_total - 1) / _pageSize);

    private string PageInformation => _total == 0
        ? "0-0 of 0"
        : string.Create(CultureInfo.InvariantCulture, $"{(_page * _pageSize) + 1}-{Math.Min(_total, (_page + 1) * _pageSize)} of {_total}");

    protected override void OnInitialized()
    {
        _cells = new QueueRowCells(Clock);
        _arrivals = new QueueArrivals(Time, () => _ = InvokeAsync(() =>
        {
            _arrivals.Expire();
            if (_arrivals.Count == 0)
            {
                _announcement = null;
            }

            StateHasChanged();
        }));
    }

    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? ReloadAsync() : Task.CompletedTask;

    /// <summary>
    /// Reads the current page again; a newer load cancels an older one. <paramref name="showLoading"/> shows the loading
    /// bar (filter and page changes); a pushed refresh swaps the rows in one render instead, marking and announcing the
    /// <paramref name="arrived"/> prescriptions.
    /// </summary>
    public async Task ReloadAsync(bool showLoading = true, IReadOnlyCollection<string>? arrived = null)
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

        var totalBefore = _total;
        if (arrived is { Count: > 0 })
        {
            _arrivals.Add(arrived); // marked even if a newer load takes over this one
        }

        try
        {
            var page = await Load(load.Token);
            if (!ReferenceEquals(load, _load))
            {
                return;
            }

            (_rows, _total, _page, _pageSize) = (page.Queue.Rows, page.Queue.TotalRows, page.Page, page.PageSize);
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            return; // a newer load owns the table now
        }

        if (arrived is { Count: > 0 })
        {
            Announce(arrived, _total - totalBefore);
        }

        _loading = false;
        StateHasChanged();
    }

    /// <summary>
    /// Says how many arrivals this tab and filter show: those on the page, and — as far as the
    /// grown count tells — those the order puts on another page.
    /// </summary>
    private void Announce(IReadOnlyCollection<string> arrived, int grewBy)
    {
        var onPage = _rows.Count(r => arrived.Contains(r.PrescriptionId));
        var elsewhere = Math.Clamp(grewBy - onPage, 0, arrived.Count - onPage);
        if (QueueWording.Arrived(onPage, elsewhere) is { } text)
        {
            (_announcement, _announcements) = (text, _announcements + 1);
        }
    }

    private Task VerifyAsync(string prescriptionId)
    {
        _arrivals.Seen(prescriptionId);
        return OnVerify.InvokeAsync(prescriptionId);
    }

    private async Task MarkReadyAsync(string prescriptionId)
    {
        _arrivals.Seen(prescriptionId);
        if (!_marking.Add(prescriptionId))
        {
            return;
        }

        try
        {
            await OnMarkReady.InvokeAsync(prescriptionId);
        }
        finally
        {
            _marking.Remove(prescriptionId);
        }
    }

    private Task GoToAsync(int page) => PageRequested.InvokeAsync(Math.Clamp(page, 0, LastPage));

    private Task OnRowsPerPageChanged(ChangeEventArgs e) =>
        int.TryParse(e.Value as string, CultureInfo.InvariantCulture, out var size) && QueueView.PageSizes.Contains(size)
            ? PageSizeRequested.InvokeAsync(size)
            : Task.CompletedTask;

    private static string RowClasses(bool isNew) => isNew ? $"{LeanTable.Row} eps-row-new" : LeanTable.Row;

    public void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
        _arrivals?.Dispose();
    }
}
