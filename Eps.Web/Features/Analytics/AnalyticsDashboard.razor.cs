using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Analytics;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;

namespace Eps.Web.Features.Analytics;

/// <summary>
/// Period and pharmacy filters over the three analytics sections. What the signed-in user may see is decided by
/// <see cref="AnalyticsService"/> from their actor: a pharmacist always sees their own pharmacy.
/// </summary>
public sealed partial class AnalyticsDashboard
{
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private AnalyticsService Analytics { get; set; } = null!;

    /// <summary>Offer the pharmacy filter (admins); otherwise the actor's own pharmacy is shown.</summary>
    [Parameter] public bool AllPharmacies { get; set; }

    private IReadOnlyList<PharmacyOption> _pharmacies = [];
    private Actor? _actor;
    private AnalyticsReport? _report;
    private DateTime? _from;
    private DateTime? _to;
    private int? _pharmacyId;
    private string? _problem;

    protected override async Task OnInitializedAsync()
    {
        var (from, to) = Analytics.DefaultPeriod();
        _from = from.ToDateTime(TimeOnly.MinValue);
        _to = to.ToDateTime(TimeOnly.MinValue);
        _actor = await Current.GetAsync();
        if (AllPharmacies)
        {
            _pharmacies = await Analytics.PharmaciesAsync(CancellationToken.None);
        }

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

    private Task OnPharmacyChanged(int? pharmacyId)
    {
        _pharmacyId = pharmacyId;
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

        _report = null;
        _report = _actor is null
            ? AnalyticsReport.Empty(from, to, null)
            : await Analytics.ReportAsync(_actor, from, to, _pharmacyId, CancellationToken.None);
    }

    /// <summary>Axis labels for each day of a period, thinned to about a dozen so that they stay legible.</summary>
    internal static string[] DayLabels(IReadOnlyList<DateOnly> days)
    {
        var step = Math.Max(1, (int)Math.Ceiling(days.Count / 12.0));
        return [.. days.Select((day, i) => i % step == 0 ? Day(day) : "")];
    }

    /// <summary>A day as charts and tables show it.</summary>
    internal static string Day(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);
}
