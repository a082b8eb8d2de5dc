using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Analytics;
using Eps.Web.Components.Shared;
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

    private Actor? _actor;
    private AnalyticsReport? _report;
    private string? _problem;

    protected override async Task OnInitializedAsync() => _actor = await Current.GetAsync();

    private async Task OnSelectionChanged(ReportSelection selection)
    {
        _problem = selection.Problem;
        if (_problem is not null)
        {
            return;
        }

        var period = selection.Period!.Value;
        _report = null;
        _actor ??= await Current.GetAsync();
        _report = _actor is null
            ? AnalyticsReport.Empty(period, null)
            : await Analytics.ReportAsync(_actor, period, selection.Pharmacy?.Id, CancellationToken.None);
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
