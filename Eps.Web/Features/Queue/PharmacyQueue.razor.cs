using Eps.Core.Accounts;
using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Eps.Core.Queue;
using Eps.Web.Features.Accounts;
using Eps.Web.Features.Dispensing;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Eps.Web.Features.Queue;

/// <summary>
/// The pharmacist's live queue. Changes to the pharmacy's queue arrive as <see cref="QueueChanged"/> events and
/// refresh the visible page and stats over the circuit; the subscription ends with the component.
/// </summary>
public sealed partial class PharmacyQueue
{
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private QueueQuery Queue { get; set; } = null!;
    [Inject] private IQueueEvents Events { get; set; } = null!;
    [Inject] private PharmacyDirectory Pharmacies { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private QueueTable? _table;
    private QueueStatsCards? _stats;
    private QueueFilter _filter = new();
    private Actor? _actor;
    private string? _pharmacyName;
    private IDisposable? _subscription;
    private int _refreshing;
    private bool _refreshAgain;
    private QueueChanged? _refreshingFor;
    private QueueChanged? _latestChange;
    private readonly ElementReference[] _tabButtons = new ElementReference[Tabs.Length];
    private string? _searchText;
    private CancellationTokenSource? _searchDelay;

    private static readonly string[] Tabs = ["Pending", "Dispensed", "Expired"];

    private static readonly (string Value, string Text)[] PriorityOptions =
        [("", "All"), (nameof(Priority.Controlled), "Controlled"), (nameof(Priority.HighRisk), "High risk"), (nameof(Priority.Routine), "Routine")];

    private static readonly (string Value, string Text)[] RangeOptions =
        [(nameof(IssuedWithin.All), "Any time"), (nameof(IssuedWithin.Today), "Today"), (nameof(IssuedWithin.Week), "Last 7 days"), (nameof(IssuedWithin.Month), "Last month")];

    /// <summary>Raised after each refresh caused by a queue event (tests and measurements hook it).</summary>
    internal event Action<QueueChanged>? Refreshed;

    private string EmptyText => _filter.Tab switch
    {
        QueueTab.Dispensed => "Nothing dispensed matches this filter.",
        QueueTab.Expired => "No expired prescriptions match this filter.",
        _ => "No prescriptions waiting. New ones appear here as soon as a doctor approves them.",
    };

    /// <summary>
    /// The table's first load starts after its first render, which can come while this is still awaiting the actor (on
    /// a server database every read is truly asynchronous): the load waits for it instead of reading no pharmacy.
    /// </summary>
    private Task _initialized = Task.CompletedTask;

    protected override Task OnInitializedAsync() => _initialized = InitializeAsync();

    private async Task InitializeAsync()
    {
        _actor = await Current.GetAsync();
        if (_actor?.PharmacyId is { } pharmacyId)
        {
            _pharmacyName = (await Pharmacies.FindAsync(pharmacyId, CancellationToken.None))?.Name;
            _subscription = Events.Subscribe(pharmacyId, OnQueueChangedAsync);
        }
    }

    private async Task<QueuePage> LoadAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await _initialized;
        if (_actor?.PharmacyId is not { } pharmacyId)
        {
            return new QueuePage([], 0, QueueStats.Empty);
        }

        var page = _refreshingFor is { } change
            ? await Queue.PageAfterAsync(change, pharmacyId, _filter, skip, take, cancellationToken)
            : await Queue.PageAsync(pharmacyId, _filter, skip, take, cancellationToken);
        _stats?.Show(page.Stats);
        return page;
    }

    /// <summary>
    /// Coalesces bursts: while a refresh runs, further events only mark that one more refresh is needed (for the latest
    /// of them). The page is read through <see cref="QueueQuery.PageAfterAsync"/>, shared with the pharmacy's other
    /// open queues that the same change reaches.
    /// </summary>
    private Task OnQueueChangedAsync(QueueChanged change) => InvokeAsync(async () =>
    {
        _latestChange = change;
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            _refreshAgain = true;
            return;
        }

        try
        {
            do
            {
                _refreshAgain = false;
                _refreshingFor = _latestChange;
                if (_table is not null)
                {
                    await _table.ReloadAsync(showLoading: false);
                }
            }
            while (_refreshAgain);
        }
        finally
        {
            _refreshingFor = null;
            Volatile.Write(ref _refreshing, 0);
        }

        Refreshed?.Invoke(change);
    });

    private Task ReloadAsync() => _table?.ReloadAsync() ?? Task.CompletedTask;

    private static string TextOf((string Value, string Text)[] options, string value) =>
        Array.Find(options, o => o.Value == value).Text ?? "";

    private string PriorityValue => _filter.Priority?.ToString() ?? "";

    private static readonly string SliderWidth = string.Create(CultureInfo.InvariantCulture, $"{100.0 / Tabs.Length:0.##}%");

    private string SliderLeft => string.Create(CultureInfo.InvariantCulture, $"{100.0 * (int)_filter.Tab / Tabs.Length:0.##}%");

    private Task SelectTabAsync(QueueTab tab)
    {
        if (tab == _filter.Tab)
        {
            return Task.CompletedTask;
        }

        _filter = _filter with { Tab = tab };
        return ReloadAsync();
    }

    /// <summary>Arrow keys, Home and End move between the tabs (the WAI-ARIA tabs pattern), selecting as they go.</summary>
    private async Task OnTabKeyAsync(KeyboardEventArgs e)
    {
        var current = (int)_filter.Tab;
        var next = e.Key switch
        {
            "ArrowRight" => (current + 1) % Tabs.Length,
            "ArrowLeft" => (current + Tabs.Length - 1) % Tabs.Length,
            "Home" => 0,
            "End" => Tabs.Length - 1,
            _ => current,
        };
        if (next != current)
        {
            var reload = SelectTabAsync((QueueTab)next);
            await _tabButtons[next].FocusAsync();
            await reload;
        }
    }

    private Task OnPriorityChanged(string value)
    {
        _filter = _filter with { Priority = Enum.TryParse<Priority>(value, out var priority) ? priority : null };
        return ReloadAsync();
    }

    private Task OnRangeChanged(string value)
    {
        _filter = _filter with { Range = Enum.TryParse<IssuedWithin>(value, out var range) ? range : IssuedWithin.All };
        return ReloadAsync();
    }

    /// <summary>Searches 300 ms after the last keystroke, as the text field's debounce did.</summary>
    private async Task SearchTypedAsync()
    {
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
            return;
        }

        await SearchAsync(_searchText);
    }

    private async Task ClearSearchAsync()
    {
        if (_searchDelay is not null)
        {
            await _searchDelay.CancelAsync();
        }

        _searchText = null;
        await SearchAsync(null);
    }

    private Task SearchAsync(string? search)
    {
        if (string.Equals(search ?? "", _filter.Search ?? "", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        _filter = _filter with { Search = search };
        return ReloadAsync();
    }

    private async Task ScanAsync()
    {
        var code = await ScannerDialog.ShowAsync(Dialogs);
        if (code is not null)
        {
            await VerifyAsync(code);
        }
    }

    private Task VerifyIdAsync(string prescriptionId) => VerifyAsync(new ScannedCode(ScannedKind.PrescriptionId, prescriptionId));

    private async Task VerifyAsync(ScannedCode code)
    {
        var outcome = await VerifyDialog.ShowAsync(Dialogs, code);
        if (outcome?.Succeeded == true)
        {
            Snackbar.Add($"{outcome.Receipt!.PrescriptionId} dispensed to {outcome.Receipt.PatientName}.", Severity.Success);
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _searchDelay?.Cancel();
        _searchDelay?.Dispose();
    }
}
