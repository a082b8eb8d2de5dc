using Eps.Core.Accounts;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Core.Queue;
using Eps.Web.Components.Shared;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Eps.Web.Features.Queue;

/// <summary>
/// The pharmacist's live queue. Changes to the pharmacy's queue arrive as <see cref="QueueChanged"/> events and
/// refresh the visible page and stats over the circuit (<see cref="QueueRefresher"/>); the subscription ends with the
/// component. What is shown is a <see cref="QueueView"/> kept in the address: a choice is shown at once and recorded
/// in the history, and an address reached by back, forward or a link is shown when it arrives.
/// </summary>
public sealed partial class PharmacyQueue
{
    private const string Path = "pharmacy/queue";

    private static readonly string TitleClasses = LeanText.Classes(Typo.h4);
    private static readonly string SubtitleClasses = LeanText.Classes(Typo.body2, "mud-text-secondary");
    private static readonly string ScanButtonClasses = LeanButton.Classes(Variant.Filled, Color.Primary, Size.Medium);
    private static readonly RenderFragment ScanButtonLabel = LeanButton.Label("Scan token", Icons.Material.Filled.QrCodeScanner);

    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private QueueQuery Queue { get; set; } = null!;
    [Inject] private ReadyForCollection Ready { get; set; } = null!;
    [Inject] private IQueueEvents Events { get; set; } = null!;
    [Inject] private IQueueEventTransport Transport { get; set; } = null!;
    [Inject] private PharmacyDirectory Pharmacies { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private readonly QueueFilterState _filters = new();
    /// <summary>The views this page put in the address whose location change has not come back yet.</summary>
    private readonly Queue<QueueView> _recorded = new();
    private readonly ElementReference[] _tabButtons = new ElementReference[QueueFilterState.Tabs.Length];
    private QueueRefresher? _refresher;
    private QueueTable? _table;
    private QueueStatsCards? _stats;
    private Actor? _actor;
    private string? _pharmacyName;

    /// <summary>
    /// The table's first load starts after its first render, which can come while this is still awaiting the actor (on
    /// a server database every read is truly asynchronous): the load waits for it instead of reading no pharmacy.
    /// </summary>
    private Task _initialized = Task.CompletedTask;

    protected override Task OnInitializedAsync()
    {
        _filters.Show(QueueView.FromUri(Navigation.Uri));
        Navigation.LocationChanged += OnLocationChanged;
        Transport.LiveChanged += OnLiveChanged;
        return _initialized = InitializeAsync();
    }

    private async Task InitializeAsync()
    {
        _actor = await Current.GetAsync();
        if (_actor?.PharmacyId is { } pharmacyId)
        {
            _pharmacyName = (await Pharmacies.FindAsync(pharmacyId, CancellationToken.None))?.Name;
            _refresher = new QueueRefresher(InvokeAsync,
                () => _table?.ReloadAsync(showLoading: false, arrived: _refresher?.TakeArrived()) ?? Task.CompletedTask);
            _refresher.Subscribe(Events, pharmacyId);
        }
    }

    /// <summary>The "live" marker follows the link to the other instances; the re-read after it returns comes as a queue event.</summary>
    private void OnLiveChanged() => _ = InvokeAsync(StateHasChanged);

    /// <summary>An address with values the page does not know shows the defaults, and says so by losing those values.</summary>
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Record(_filters.View, replace: true);
        }
    }

    private async Task<QueueTablePage> LoadAsync(CancellationToken cancellationToken)
    {
        await _initialized;
        var view = _filters.View;
        if (_actor?.PharmacyId is not { } pharmacyId)
        {
            return new QueueTablePage(new QueuePage([], 0, QueueStats.Empty), 0, view.PageSize);
        }

        var page = await ReadAsync(pharmacyId, view, cancellationToken);
        var lastPage = Math.Max(0, (page.TotalRows - 1) / view.PageSize);
        if (view.Page > lastPage && view == _filters.View)
        {
            // A page beyond the end (an old link, or rows dispensed meanwhile): the last page, in the address too.
            view = view with { Page = lastPage };
            _filters.Show(view);
            Record(view, replace: true);
            page = await ReadAsync(pharmacyId, view, cancellationToken);
        }

        _stats?.Show(page.Stats, QueueWording.Scope(view.Filter));
        return new QueueTablePage(page, view.Page, view.PageSize);
    }

    private Task<QueuePage> ReadAsync(int pharmacyId, QueueView view, CancellationToken cancellationToken) =>
        _refresher?.RefreshingFor is { } change
            ? Queue.PageAfterAsync(change, pharmacyId, view.Filter, view.Page * view.PageSize, view.PageSize, cancellationToken)
            : Queue.PageAsync(pharmacyId, view.Filter, view.Page * view.PageSize, view.PageSize, cancellationToken);

    /// <summary>Shows the pharmacist's choice at once and records it in the address (typing replaces the entry instead of adding one per search).</summary>
    private Task GoAsync(QueueView view, bool replace = false)
    {
        if (!_filters.Show(view))
        {
            return Task.CompletedTask;
        }

        Record(view, replace);
        return _table?.ReloadAsync() ?? Task.CompletedTask;
    }

    private void Record(QueueView view, bool replace)
    {
        var uri = Navigation.GetUriWithQueryParameters(view.Query());
        if (uri != Navigation.Uri)
        {
            if (_recorded.Count == 8)
            {
                _recorded.Dequeue(); // a navigation that never came back (cancelled) is not waited for forever
            }

            _recorded.Enqueue(view);
            Navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = replace });
        }
    }

    /// <summary>Back, forward or a link to this page with other filters: the queue follows the address.</summary>
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var relative = Navigation.ToBaseRelativePath(e.Location);
        if (relative.Split('?', '#')[0].TrimEnd('/') == Path)
        {
            _ = InvokeAsync(() => ShowAddressAsync(e.Location));
        }
    }

    private async Task ShowAddressAsync(string location)
    {
        try
        {
            // The page's own choices are shown already; one coming back after a later choice must not undo it.
            var view = QueueView.FromUri(location);
            if (_recorded.Contains(view))
            {
                while (_recorded.Dequeue() != view)
                {
                }

                return;
            }

            if (_filters.Show(view))
            {
                StateHasChanged();
                await (_table?.ReloadAsync() ?? Task.CompletedTask);
            }
        }
#pragma warning disable CA1031 // not awaited by the navigation: the error goes to the renderer, as an event handler's would
        catch (Exception e)
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(e);
        }
    }

    private EventCallback<int> SelectTab => EventCallback.Factory.Create<int>(this, tab => GoAsync(_filters.WithTab((QueueTab)tab)));

    /// <summary>Arrow keys, Home and End move between the tabs, selecting as they go.</summary>
    private EventCallback<KeyboardEventArgs> TabKey => EventCallback.Factory.Create<KeyboardEventArgs>(this, async e =>
    {
        var next = _filters.TabAfterKey(e.Key);
        if (next != _filters.Filter.Tab)
        {
            var reload = GoAsync(_filters.WithTab(next));
            await _tabButtons[(int)next].FocusAsync();
            await reload;
        }
    });

    private EventCallback<ChangeEventArgs> PriorityChanged =>
        EventCallback.Factory.Create<ChangeEventArgs>(this, e => GoAsync(_filters.WithPriority(e.Value as string ?? "")));

    private EventCallback<ChangeEventArgs> RangeChanged =>
        EventCallback.Factory.Create<ChangeEventArgs>(this, e => GoAsync(_filters.WithRange(e.Value as string ?? "")));

    private EventCallback<ChangeEventArgs> SortChanged =>
        EventCallback.Factory.Create<ChangeEventArgs>(this, e => GoAsync(_filters.WithSort(e.Value as string ?? "")));

    private EventCallback<ChangeEventArgs> SearchTyped => EventCallback.Factory.Create<ChangeEventArgs>(this, async e =>
    {
        if (await _filters.TypedAsync(e.Value as string) is { } view)
        {
            await GoAsync(view, replace: true);
        }
    });

    private EventCallback SearchCleared => EventCallback.Factory.Create(this, async () => await GoAsync(await _filters.ClearSearchAsync()));

    private Task ClearFiltersAsync() => GoAsync(_filters.Cleared());

    private Task GoToPageAsync(int page) => GoAsync(_filters.WithPage(page));

    private Task PageSizeAsync(int size) => GoAsync(_filters.WithPageSize(size));

    private Task ScanAsync() => QueueDialogs.ScanAsync(Dialogs, Snackbar);

    private Task VerifyIdAsync(string prescriptionId) => QueueDialogs.VerifyIdAsync(Dialogs, Snackbar, prescriptionId);

    /// <summary>Marks the row ready; the queue event that follows refreshes every open queue of the pharmacy, this one included.</summary>
    private async Task MarkReadyAsync(string prescriptionId)
    {
        if (_actor is null)
        {
            return;
        }

        var outcome = await Ready.MarkReadyAsync(_actor, prescriptionId, CancellationToken.None);
        Snackbar.Add(outcome.Message, outcome.Succeeded ? Severity.Success : Severity.Warning);
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        Transport.LiveChanged -= OnLiveChanged;
        _refresher?.Dispose();
        _filters.Dispose();
    }
}
