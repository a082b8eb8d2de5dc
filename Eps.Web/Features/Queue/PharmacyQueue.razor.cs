using Eps.Core.Accounts;
using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Eps.Core.Queue;
using Eps.Web.Features.Accounts;
using Eps.Web.Features.Dispensing;
using Microsoft.AspNetCore.Components;
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

    /// <summary>Raised after each refresh caused by a queue event (tests and measurements hook it).</summary>
    internal event Action<QueueChanged>? Refreshed;

    private string EmptyText => _filter.Tab switch
    {
        QueueTab.Dispensed => "Nothing dispensed matches this filter.",
        QueueTab.Expired => "No expired prescriptions match this filter.",
        _ => "No prescriptions waiting. New ones appear here as soon as a doctor approves them.",
    };

    protected override async Task OnInitializedAsync()
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

    private Task OnTabChanged(int index)
    {
        _filter = _filter with { Tab = (QueueTab)index };
        return ReloadAsync();
    }

    private Task OnPriorityChanged(Priority? priority)
    {
        _filter = _filter with { Priority = priority };
        return ReloadAsync();
    }

    private Task OnRangeChanged(IssuedWithin range)
    {
        _filter = _filter with { Range = range };
        return ReloadAsync();
    }

    private Task OnSearchChanged(string? search)
    {
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

    public void Dispose() => _subscription?.Dispose();
}
