using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Queue;

namespace Eps.Web.Features.Queue;

/// <summary>Parses the seed's queue query parameters, naming the parameter that is wrong.</summary>
internal static class QueueFilters
{
    public static (QueueFilter? Filter, (string Field, string Message)? Error) Parse(
        string? status, string? priority, string? dateRange, string? search)
    {
        QueueTab? tab = (status ?? "pending").ToLowerInvariant() switch
        {
            "pending" => QueueTab.Pending,
            "dispensed" => QueueTab.Dispensed,
            "expired" => QueueTab.Expired,
            _ => null,
        };
        if (tab is null)
        {
            return (null, ("status", "status must be pending, dispensed or expired."));
        }

        var (known, level) = (priority ?? "all").ToLowerInvariant() switch
        {
            "all" => (true, (Priority?)null),
            "controlled" => (true, Priority.Controlled),
            "high_risk" => (true, Priority.HighRisk),
            "routine" => (true, Priority.Routine),
            _ => (false, null),
        };
        if (!known)
        {
            return (null, ("priority", "priority must be all, controlled, high_risk or routine."));
        }

        IssuedWithin? range = (dateRange ?? "all").ToLowerInvariant() switch
        {
            "all" => IssuedWithin.All,
            "today" => IssuedWithin.Today,
            "week" => IssuedWithin.Week,
            "month" => IssuedWithin.Month,
            _ => null,
        };
        if (range is null)
        {
            return (null, ("date_range", "date_range must be today, week, month or all."));
        }

        if (search?.Length > 100)
        {
            return (null, ("patient_search", "patient_search is at most 100 characters."));
        }

        return (new QueueFilter(tab.Value, level, range.Value, search), null);
    }

    public static QueueItemResponse ToResponse(QueueRow r) => new(
        r.Id, r.PrescriptionId, r.PatientName, Hpn.Format(r.PatientHpn), r.MedicationName, r.Strength, r.Dosage, r.Frequency,
        r.Quantity, r.PrescriberName, r.IssuedAt, r.ExpiresAt, r.DispensedAt is not null, r.DispensedAt,
        r.Priority switch { Priority.Controlled => "controlled", Priority.HighRisk => "high_risk", _ => "routine" },
        r.IsControlled, r.IsHighRisk, r.IsControlled, r.Schedule == DrugSchedule.None ? null : ((int)r.Schedule).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
