using Eps.Core.Drugs;
using Eps.Core.Queue;

namespace Eps.Web.Features.Queue;

/// <summary>
/// The filter the pharmacist has chosen on the queue page: tab, priority, issue date range and patient search (applied
/// 300 ms after the last keystroke). Each change says whether the page must be read again.
/// </summary>
internal sealed class QueueFilterState : IDisposable
{
    public static readonly string[] Tabs = ["Pending", "Dispensed", "Expired"];

    public static readonly (string Value, string Text)[] PriorityOptions =
        [("", "All"), (nameof(Priority.Controlled), "Controlled"), (nameof(Priority.HighRisk), "High risk"), (nameof(Priority.Routine), "Routine")];

    public static readonly (string Value, string Text)[] RangeOptions =
        [(nameof(IssuedWithin.All), "Any time"), (nameof(IssuedWithin.Today), "Today"), (nameof(IssuedWithin.Week), "Last 7 days"), (nameof(IssuedWithin.Month), "Last month")];

    private CancellationTokenSource? _searchDelay;

    public QueueFilter Filter { get; private set; } = new();

    /// <summary>The text in the search box, which may not be searched for yet.</summary>
    public string? SearchText { get; private set; }

    public string PriorityValue => Filter.Priority?.ToString() ?? "";

    public string RangeValue => Filter.Range.ToString();

    public string EmptyText => Filter.Tab switch
    {
        QueueTab.Dispensed => "Nothing dispensed matches this filter.",
        QueueTab.Expired => "No expired prescriptions match this filter.",
        _ => "No prescriptions waiting. New ones appear here as soon as a doctor approves them.",
    };

    public bool SelectTab(QueueTab tab)
    {
        if (tab == Filter.Tab)
        {
            return false;
        }

        Filter = Filter with { Tab = tab };
        return true;
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

    public void SetPriority(string value) =>
        Filter = Filter with { Priority = Enum.TryParse<Priority>(value, out var priority) ? priority : null };

    public void SetRange(string value) =>
        Filter = Filter with { Range = Enum.TryParse<IssuedWithin>(value, out var range) ? range : IssuedWithin.All };

    /// <summary>Records typed text; true when, 300 ms after the last keystroke (as the text field's debounce did), it changed the search.</summary>
    public async Task<bool> TypedAsync(string? text)
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
            return false;
        }

        return Search(SearchText);
    }

    public async Task<bool> ClearSearchAsync()
    {
        if (_searchDelay is not null)
        {
            await _searchDelay.CancelAsync();
        }

        SearchText = null;
        return Search(null);
    }

    private bool Search(string? search)
    {
        if (string.Equals(search ?? "", Filter.Search ?? "", StringComparison.Ordinal))
        {
            return false;
        }

        Filter = Filter with { Search = search };
        return true;
    }

    public void Dispose()
    {
        _searchDelay?.Cancel();
        _searchDelay?.Dispose();
    }
}
