using Eps.Core.Accounts;
using Eps.Core.Pharmacies;
using Eps.Core.Queue;
using Eps.Web.Components.Shared;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Eps.Web.Features.Queue;

/// <summary>
/// The pharmacist's live queue. Changes to the pharmacy's queue arrive as <see cref="QueueChanged"/> events and
/// refresh the visible page and stats over the circuit (<see cref="QueueRefresher"/>); the subscription ends with the
/// component. The chosen filter is a <see cref="QueueFilterState"/>; the table pages itself.
/// </summary>
public sealed partial class PharmacyQueue
{
    private static readonly string TitleClasses = LeanText.Classes(Typo.h4);
    private static readonly string SubtitleClasses = LeanText.Classes(Typo.body2, "mud-text-secondary");
    private static readonly string ScanButtonClasses = LeanButton.Classes(Variant.Filled, Color.Primary, Size.Medium);
    private static readonly RenderFragment ScanButtonLabel = LeanButton.Label("Scan token", Icons.Material.Filled.QrCodeScanner);

    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private QueueQuery Queue { get; set; } = null!;
    [Inject] private IQueueEvents Events { get; set; } = null!;
    [Inject] private PharmacyDirectory Pharmacies { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private readonly QueueFilterState _filters = new();
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

    protected override Task OnInitializedAsync() => _initialized = InitializeAsync();

    private async Task InitializeAsync()
    {
        _actor = await Current.GetAsync();
        if (_actor?.PharmacyId is { } pharmacyId)
        {
            _pharmacyName = (await Pharmacies.FindAsync(pharmacyId, CancellationToken.None))?.Name;
            _refresher = new QueueRefresher(InvokeAsync, () => _table?.ReloadAsync(showLoading: false) ?? Task.CompletedTask);
            _refresher.Subscribe(Events, pharmacyId);
        }
    }

    private async Task<QueuePage> LoadAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await _initialized;
        if (_actor?.PharmacyId is not { } pharmacyId)
        {
            return new QueuePage([], 0, QueueStats.Empty);
        }

        var page = _refresher?.RefreshingFor is { } change
            ? await Queue.PageAfterAsync(change, pharmacyId, _filters.Filter, skip, take, cancellationToken)
            : await Queue.PageAsync(pharmacyId, _filters.Filter, skip, take, cancellationToken);
        _stats?.Show(page.Stats);
        return page;
    }

    private Task ReloadAsync() => _table?.ReloadAsync() ?? Task.CompletedTask;

    private Task ReloadIf(bool changed) => changed ? ReloadAsync() : Task.CompletedTask;

    private EventCallback<int> SelectTab => EventCallback.Factory.Create<int>(this, tab => ReloadIf(_filters.SelectTab((QueueTab)tab)));

    /// <summary>Arrow keys, Home and End move between the tabs, selecting as they go.</summary>
    private EventCallback<KeyboardEventArgs> TabKey => EventCallback.Factory.Create<KeyboardEventArgs>(this, async e =>
    {
        var next = _filters.TabAfterKey(e.Key);
        if (next != _filters.Filter.Tab)
        {
            var reload = ReloadIf(_filters.SelectTab(next));
            await _tabButtons[(int)next].FocusAsync();
            await reload;
        }
    });

    private EventCallback<ChangeEventArgs> PriorityChanged => EventCallback.Factory.Create<ChangeEventArgs>(this, e =>
    {
        _filters.SetPriority(e.Value as string ?? "");
        return ReloadAsync();
    });

    private EventCallback<ChangeEventArgs> RangeChanged => EventCallback.Factory.Create<ChangeEventArgs>(this, e =>
    {
        _filters.SetRange(e.Value as string ?? "");
        return ReloadAsync();
    });

    private EventCallback<ChangeEventArgs> SearchTyped =>
        EventCallback.Factory.Create<ChangeEventArgs>(this, async e => await ReloadIf(await _filters.TypedAsync(e.Value as string)));

    private EventCallback SearchCleared => EventCallback.Factory.Create(this, async () => await ReloadIf(await _filters.ClearSearchAsync()));

    private Task ScanAsync() => QueueDialogs.ScanAsync(Dialogs, Snackbar);

    private Task VerifyIdAsync(string prescriptionId) => QueueDialogs.VerifyIdAsync(Dialogs, Snackbar, prescriptionId);

    public void Dispose()
    {
        _refresher?.Dispose();
        _filters.Dispose();
    }
}
