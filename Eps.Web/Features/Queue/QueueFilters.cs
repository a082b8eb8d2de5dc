using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Queue;

namespace Eps.Web.Features.Queue;

/// <summary>
/// The seed's queue query parameters, read by the API (a wrong value is a 400 naming the parameter) and kept in the queue
/// page's address (a wrong value falls back to the default).
/// </summary>
internal static class QueueFilters
{
    public const int MaxSearchLength = 100;

    public static (QueueFilter? Filter, (string Field, string Message)? Error) Parse(
        string? status, string? priority, string? dateRange, string? search)
    {
        if (!TryTab(status, out var tab))
        {
            return (null, ("status", "status must be pending, ready, dispensed or expired."));
        }

        if (!TryPriority(priority, out var level))
        {
            return (null, ("priority", "priority must be all, controlled, high_risk or routine."));
        }

        if (!TryRange(dateRange, out var range))
        {
            return (null, ("date_range", "date_range must be today, week, month or all."));
        }

        if (search?.Length > MaxSearchLength)
        {
            return (null, ("patient_search", $"patient_search is at most {MaxSearchLength} characters."));
        }

        return (new QueueFilter(tab, level, range, search), null);
    }

    public static bool TryTab(string? value, out QueueTab tab)
    {
        QueueTab? parsed = (value ?? "pending").ToLowerInvariant() switch
        {
            "pending" => QueueTab.Pending,
            "ready" => QueueTab.Ready,
            "dispensed" => QueueTab.Dispensed,
            "expired" => QueueTab.Expired,
            _ => null,
        };
        tab = parsed ?? QueueTab.Pending;
        return parsed is not null;
    }

    public static bool TryPriority(string? value, out Priority? priority)
    {
        var (known, level) = (value ?? "all").ToLowerInvariant() switch
        {
            "all" => (true, (Priority?)null),
            "controlled" => (true, Priority.Controlled),
            "high_risk" => (true, Priority.HighRisk),
            "routine" => (true, Priority.Routine),
            _ => (false, null),
        };
        priority = level;
        return known;
    }

    public static bool TryRange(string? value, out IssuedWithin range)
    {
        IssuedWithin? parsed = (value ?? "all").ToLowerInvariant() switch
        {
            "all" => IssuedWithin.All,
            "today" => IssuedWithin.Today,
            "week" => IssuedWithin.Week,
            "month" => IssuedWithin.Month,
            _ => null,
        };
        range = parsed ?? IssuedWithin.All;
        return parsed is not null;
    }

    public static bool TrySort(string? value, out QueueSort? sort)
    {
        var (known, order) = value?.ToLowerInvariant() switch
        {
            null => (true, (QueueSort?)null),
            "oldest" => (true, QueueSort.OldestFirst),
            "newest" => (true, QueueSort.NewestFirst),
            _ => (false, null),
        };
        sort = order;
        return known;
    }

    public static string Name(QueueTab tab) => tab.ToString().ToLowerInvariant();

    public static string? Name(Priority? priority) => priority switch
    {
        Priority.Controlled => "controlled",
        Priority.HighRisk => "high_risk",
        Priority.Routine => "routine",
        _ => null,
    };

    public static string Name(IssuedWithin range) => range.ToString().ToLowerInvariant();

    public static string Name(QueueSort sort) => sort == QueueSort.NewestFirst ? "newest" : "oldest";

    public static QueueItemResponse ToResponse(QueueRow r) => new(
        r.Id, r.PrescriptionId, r.PatientName, Hpn.Format(r.PatientHpn), r.MedicationName, r.Strength, r.Dosage, r.Frequency,
        r.Quantity, r.PrescriberName, r.IssuedAt, r.ExpiresAt, r.DispensedAt is not null, r.DispensedAt,
        Name(r.Priority)!, r.IsControlled, r.IsHighRisk, r.IsControlled,
        r.Schedule == DrugSchedule.None ? null : ((int)r.Schedule).ToString(CultureInfo.InvariantCulture),
        r.IsReady, r.ReadyAt);
}
