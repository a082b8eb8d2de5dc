using Eps.Core.Audit;
using Eps.Core.Dispensing;
using Eps.Core.Oversight;
using Eps.Core.Queue;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Oversight;

/// <summary>The admin's live security monitor: failed attempts and alerts pushed over the circuit, the audit chain check.</summary>
public sealed partial class SecurityMonitorPage
{
    private static readonly string[] Steps =
    [
        VerificationSteps.Format, VerificationSteps.Signature, VerificationSteps.Lookup, VerificationSteps.Nonce, VerificationSteps.Identity,
        VerificationSteps.Cancellation, VerificationSteps.Expiry, VerificationSteps.Dispensing,
    ];

    [Inject] private SecurityQueries Queries { get; set; } = null!;
    [Inject] private SecurityFeed Feed { get; set; } = null!;
    [Inject] private IQueueEventTransport Transport { get; set; } = null!;
    [Inject] private AuditVerifier Verifier { get; set; } = null!;
    [Inject] private AuditCheckpoints Checkpoints { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;

    private MudTable<FailureRow>? _table;
    private FailureFilter _filter = new();
    private int _days = 7;
    private IReadOnlyList<SecurityAlert> _alerts = [];
    private IReadOnlyList<AuditCheckpoint> _checkpoints = [];
    private IReadOnlyList<IncidentReport> _reports = [];
    private ChainReport? _chain;
    private bool _checking;
    private IDisposable? _subscription;

    protected override async Task OnInitializedAsync()
    {
        _filter = _filter with { From = Since(_days) };
        await LoadSideAsync();
        _subscription = Feed.Subscribe(OnEventAsync);
        Transport.LiveChanged += OnLiveChanged;
    }

    private void OnLiveChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task LoadSideAsync()
    {
        _alerts = await Queries.AlertsAsync(50, CancellationToken.None);
        _checkpoints = await Checkpoints.ListAsync(14, CancellationToken.None);
        _reports = await Queries.ReportsAsync(14, CancellationToken.None);
    }

    private DateTime? Since(int days) => days == 0 ? null : Time.GetUtcNow().UtcDateTime.AddDays(-days);

    private async Task<TableData<FailureRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (rows, total) = await Queries.FailuresAsync(_filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
        return new TableData<FailureRow> { Items = rows, TotalItems = total };
    }

    private Task OnEventAsync(SecurityEvent e) => InvokeAsync(async () =>
    {
        if (e.Alert is not null || e.IsResync)
        {
            _alerts = await Queries.AlertsAsync(50, CancellationToken.None);
        }

        await (_table?.ReloadServerData() ?? Task.CompletedTask);
        StateHasChanged();
    });

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnStepChanged(string? step)
    {
        _filter = _filter with { Step = step };
        return ReloadAsync();
    }

    private Task OnIpChanged(string? ip)
    {
        _filter = _filter with { ClientIp = ip };
        return ReloadAsync();
    }

    private Task OnPharmacyChanged(string? code)
    {
        _filter = _filter with { PharmacyCode = code };
        return ReloadAsync();
    }

    private Task OnPeriodChanged(int days)
    {
        _days = days;
        _filter = _filter with { From = Since(days) };
        return ReloadAsync();
    }

    private async Task CheckChainAsync()
    {
        _checking = true;
        try
        {
            _chain = await Verifier.VerifyAsync(CancellationToken.None);
        }
        finally
        {
            _checking = false;
        }
    }

    public void Dispose()
    {
        Transport.LiveChanged -= OnLiveChanged;
        _subscription?.Dispose();
    }
}
