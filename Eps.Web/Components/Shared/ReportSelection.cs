using Eps.Core.Pharmacies;
using Eps.Core.Reporting;

namespace Eps.Web.Components.Shared;

/// <summary>What <see cref="ReportFilters"/> holds: a period (null while a date is cleared) and a pharmacy (null: all or own).</summary>
public sealed record ReportSelection(ReportPeriod? Period, PharmacyOption? Pharmacy)
{
    /// <summary>Why nothing can be reported for this selection, or null.</summary>
    public string? Problem => Period is { } period ? period.Problem : "Choose both dates of the period.";
}
