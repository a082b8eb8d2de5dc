using Eps.Core.Queue;

namespace Eps.Web.Features.Queue;

/// <summary>
/// The queue the pharmacist has chosen (a <see cref="QueueView"/>: tab, priority, issue date range, search, order and
/// page) and the text in the search box, which is searched for 300 ms after the last keystroke. A change yields the
/// view to show; the page keeps it in its address and shows it.
/// </summary>
internal sealed class QueueFilterState : IDisposable
{
    /// <summary>The tabs in <see cref="QueueTab"/> order; Ready holds the pending prescriptions marked ready.</summary>
    public static readonly string[] Tabs = ["Pending", "Ready", "Dispensed", "Expired"];

    public static readonly (string Value, string Text)[] PriorityOptions =
        [("", "All"), ("controlled", "Controlled"), ("high_risk", "High risk"), ("routine", "Routine")];

    public static readonly (string Value, string Text)[] RangeOptions =
        [("all", "Any time"), ("today", "Today"), ("week", "Last 7 days"), ("month", "Last month")];

    public static readonly (string Value, string Text)[] SortOptions = [("oldest", "Oldest first"), ("newest", "Newest first")];

    private CancellationTokenSource? _searchDelay;

    public QueueView View { get; private set; } = QueueView.Default;

    public QueueFilter Filter => View.Filter;

    /// <summary>The text in the search box, which may not be searched for yet.</summary>
    public string? SearchText { get; private set; }

    public string PriorityValue => QueueFilters.Name(Filter.Priority) ?? "";

    public string RangeValue => QueueFilters.Name(Filter.Range);

    public string SortValue => QueueFilters.Name(Filter.Order);

    public bool IsFiltered => IsNarrowed(Filter);

    public string EmptyText => QueueWording.Empty(Filter);

    /// <summary>Shows <paramref name="view"/>; true when that changes what is shown. The search box keeps its text while it means the same search.</summary>
    public bool Show(QueueView view)
    {
        if (view == View)
        {
            return false;
        }

        if (QueueView.Search(SearchText) != view.Filter.Search)
        {
            _searchDelay?.Cancel();
            SearchText = view.Filter.Search;
        }

        View = view;
        return true;
    }

    public QueueView WithTab(QueueTab tab) => Filtered(Filter with { Tab = tab });

    public QueueView WithPriority(string value) =>
        Filtered(Filter with { Priority = QueueFilters.TryPriority(value, out var priority) ? priority : null });

    public QueueView WithRange(string value) => Filtered(Filter with { Range = QueueFilters.TryRange(value, out var range) ? range : IssuedWithin.All });

    public QueueView WithSort(string value) =>
        QueueFilters.TrySort(value, out var sort) && sort is { } order && order != Filter.Order ? Filtered(Filter with { Sort = order }) : View;

    public QueueView WithPage(int page) => View with { Page = Math.Max(0, page) };

    public QueueView WithPageSize(int size) => QueueView.PageSizes.Contains(size) ? View with { Page = 0, PageSize = size } : View;

    /// <summary>The tab, order and page size without priority, date range or search.</summary>
    public QueueView Cleared()
    {
        _searchDelay?.Cancel();
        SearchText = null;
        return Filtered(Filter with { Priority = null, Range = IssuedWithin.All, Search = null });
    }

    /// <summary>The tab that arrow keys, Home and End move to (the WAI-ARIA tabs pattern).</summary>
    public QueueTab TabAfterKey(string key)
    {
        var current = (int)Filter.Tab;
        return (QueueTab)(key switch
        {
            "ArrowRight" => (current + 1) % Tabs.Length,
            "ArrowLeft" => (current + Tabs.Length - 1) % Tabs.Length,
            "Home" => 0,
            "End" => Tabs.Length - 1,
            _ => current,
        });
    }

    /// <summary>Records typed text; 300 ms after the last keystroke (as the text field's debounce did), the view with that search.</summary>
    public async Task<QueueView?> TypedAsync(string? text)
    {
        SearchText = text;
        if (_searchDelay is not null)
        {
            await _searchDelay.CancelAsync();
            _searchDelay.Dispose();
        }

        var delay = _searchDelay = new CancellationTokenSource();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), delay.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        return Filtered(Filter with { Search = QueueView.Search(SearchText) });
    }

    public async Task<QueueView> ClearSearchAsync()
    {
        if (_searchDelay is not null)
        {
            await _searchDelay.CancelAsync();
        }

        SearchText = null;
        return Filtered(Filter with { Search = null });
    }

    /// <summary>Whether <paramref name="filter"/> leaves out some of the tab's prescriptions.</summary>
    public static bool IsNarrowed(QueueFilter filter) => filter.Priority is not null || filter.Range != IssuedWithin.All || filter.Search is not null;

    /// <summary>A changed filter starts again on the first page.</summary>
    private QueueView Filtered(QueueFilter filter) => filter == Filter ? View : View with { Filter = filter, Page = 0 };

    public void Dispose()
    {
        _searchDelay?.Cancel();
        _searchDelay?.Dispose();
    }
}
