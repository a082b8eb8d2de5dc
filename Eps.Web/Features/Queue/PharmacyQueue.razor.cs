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

    private MudTable<QueueRow>? _table;
    private QueueStatsCards? _stats;
    private QueueFilter _filter = new();
    private Actor? _actor;
    private string? _pharmacyName;
    private IDisposable? _subscription;
    private int _refreshing;
    private bool _refreshAgain;

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

    private async Task<TableData<QueueRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        if (_actor?.PharmacyId is not { } pharmacyId)
        {
            return new TableData<QueueRow> { Items = [], TotalItems = 0 };
        }

        var page = await Queue.PageAsync(pharmacyId, _filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
        _stats?.Show(page.Stats);
        return new TableData<QueueRow> { Items = page.Rows, TotalItems = page.TotalRows };
    }

    /// <summary>Coalesces bursts: while a refresh runs, further events only mark that one more refresh is needed.</summary>
    private Task OnQueueChangedAsync(QueueChanged change) => InvokeAsync(async () =>
    {
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
                if (_table is not null)
                {
                    await _table.ReloadServerData();
                }
            }
            while (_refreshAgain);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }

        Refreshed?.Invoke(change);
    });

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

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

    public void Dispose() => _subscription?.Dispose();
}
