using Eps.Core.Analytics;
using Eps.Core.Dispensing;
using Microsoft.AspNetCore.Components;

namespace Eps.Web.Features.Analytics;

/// <summary>The controlled drugs register across pharmacies for a period, with its CSV export.</summary>
public sealed partial class CompliancePage
{
    [Inject] private ControlledRegister Register { get; set; } = null!;
    [Inject] private AnalyticsService Analytics { get; set; } = null!;

    private IReadOnlyList<PharmacyOption> _pharmacies = [];
    private IReadOnlyList<RegisterEntry>? _entries;
    private DateTime? _from;
    private DateTime? _to;
    private string? _pharmacyCode;
    private string? _problem;

    private string? CsvUrl => _problem is null && _from is { } from && _to is { } to
        ? AnalyticsEndpoints.RegisterCsvUrl(DateOnly.FromDateTime(from), DateOnly.FromDateTime(to), _pharmacyCode)
        : null;

    protected override async Task OnInitializedAsync()
    {
        var (from, to) = Analytics.DefaultPeriod();
        _from = from.ToDateTime(TimeOnly.MinValue);
        _to = to.ToDateTime(TimeOnly.MinValue);
        _pharmacies = await Analytics.PharmaciesAsync(CancellationToken.None);
        await LoadAsync();
    }

    private Task OnFromChanged(DateTime? from)
    {
        _from = from;
        return LoadAsync();
    }

    private Task OnToChanged(DateTime? to)
    {
        _to = to;
        return LoadAsync();
    }

    private Task OnPharmacyChanged(string? code)
    {
        _pharmacyCode = code;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_from is null || _to is null)
        {
            _problem = "Choose both dates of the period.";
            return;
        }

        var from = DateOnly.FromDateTime(_from.Value);
        var to = DateOnly.FromDateTime(_to.Value);

        _problem = AnalyticsService.CheckPeriod(from, to);
        if (_problem is not null)
        {
            return;
        }

        var pharmacyId = _pharmacies.FirstOrDefault(p => p.Code == _pharmacyCode)?.Id;
        _entries = null;
        _entries = await Register.EntriesAsync(pharmacyId, from, to, CancellationToken.None);
    }
}
