using Eps.Core.Reporting;

namespace Eps.Core.Analytics;

/// <summary>Prescriptions issued (approved) for one pharmacy on one local day (the service's time zone).</summary>
public sealed record DailyVolume(DateOnly Day, int PharmacyId, string PharmacyCode, string PharmacyName, int Issued);

/// <summary>Hours from approval (issue) to dispensing for the prescriptions a pharmacy dispensed in the period.</summary>
public sealed record DispenseTimes(
    int PharmacyId, string PharmacyCode, string PharmacyName, int Count, double MeanHours, double P50Hours, double P90Hours);

/// <summary>Failed verifications on one local day (the service's time zone) for one reason (the first verification step that failed).</summary>
public sealed record DailyFailures(DateOnly Day, string Reason, int Count);

/// <summary>
/// The figures for a period of local days, for one pharmacy or all.
/// Lists hold only non-zero entries, ordered by day then pharmacy or reason.
/// </summary>
public sealed record AnalyticsReport(
    ReportPeriod Period, int? PharmacyId,
    IReadOnlyList<DailyVolume> Volume, IReadOnlyList<DispenseTimes> DispenseTimes, IReadOnlyList<DailyFailures> Failures)
{
    public bool IsEmpty => Volume.Count == 0 && DispenseTimes.Count == 0 && Failures.Count == 0;

    /// <summary>Every day of the period, oldest first (for chart axes that must show the quiet days too).</summary>
    public IEnumerable<DateOnly> Days => Enumerable.Range(0, Period.To.DayNumber - Period.From.DayNumber + 1).Select(Period.From.AddDays);

    public static AnalyticsReport Empty(ReportPeriod period, int? pharmacyId) => new(period, pharmacyId, [], [], []);
}
