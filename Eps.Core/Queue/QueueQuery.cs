using System.Collections.Concurrent;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Queue;

/// <summary>
/// The pharmacy queue: one query for the page (priority computed from the drug catalogue in SQL, no query per row),
/// and one grouped query for the stats, which are also the matching count — the cost does not grow with the page size.
/// </summary>
public sealed class QueueQuery(IDbContextFactory<EpsDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <summary>How long a page read for a change is kept for the other open queues that the same change reaches.</summary>
    private static readonly TimeSpan SharedPageLifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<SharedPageKey, (Lazy<Task<QueuePage>> Page, long ReadAt)> _sharedPages = new();

    /// <summary>
    /// The page as it is after <paramref name="change"/>, read once for every open queue of the pharmacy that shows the
    /// same filter and page: a change reaches all of them at once, and fifty identical reads one after another would
    /// make the last queue wait for all the others. A later change has another key, so it is always read afresh.
    /// </summary>
    public Task<QueuePage> PageAfterAsync(QueueChanged change, int pharmacyId, QueueFilter filter, int skip, int take,
        CancellationToken cancellationToken)
    {
        foreach (var (key, entry) in _sharedPages)
        {
            if (time.GetElapsedTime(entry.ReadAt) > SharedPageLifetime)
            {
                _sharedPages.TryRemove(key, out _);
            }
        }

        var shared = _sharedPages.GetOrAdd(new SharedPageKey(change, pharmacyId, filter, skip, take), key => (
            new Lazy<Task<QueuePage>>(() => PageAsync(key.PharmacyId, key.Filter, key.Skip, key.Take, CancellationToken.None)),
            time.GetTimestamp()));
        return shared.Page.Value.WaitAsync(cancellationToken);
    }

    public async Task<QueuePage> PageAsync(int pharmacyId, QueueFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var matching = Filtered(db, pharmacyId, filter, now);
        var stats = await StatsAsync(matching, filter.Priority, cancellationToken);
        if (filter.Priority is { } priority)
        {
            matching = WithPriority(matching, priority);
        }

        // Past the last matching row (an empty filter, a page beyond the end) there is nothing to read.
        var rows = stats.Total <= skip ? [] : await Ordered(matching, filter).Skip(skip).Take(take).Select(p => new QueueRow(
                p.Id, p.RxNumber, p.Patient.User.FullName, p.Patient.Hpn, p.MedicationName, p.Strength, p.Dosage, p.Frequency,
                p.Quantity, p.Prescriber.User.FullName, p.IssuedAt, p.ExpiresAt, p.DispensedAt, p.DispensingPharmacistName,
                p.Schedule, p.RiskLevel,
                DrugRules.ControlledSchedules.Contains(p.Schedule) ? Priority.Controlled
                : DrugRules.HighRiskLevels.Contains(p.RiskLevel) ? Priority.HighRisk
                : Priority.Routine,
                p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now ? p.ReadyAt : null))
            .ToListAsync(cancellationToken);
        return new QueuePage(rows, stats.Total, stats);
    }

    private static IQueryable<Prescription> Filtered(EpsDbContext db, int pharmacyId, QueueFilter filter, DateTime now)
    {
        var query = db.Prescriptions.AsNoTracking().Where(p => p.PharmacyId == pharmacyId);
        query = filter.Tab switch
        {
            QueueTab.Dispensed => query.Where(p => p.Status == PrescriptionState.Dispensed),
            QueueTab.Expired => query.Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiresAt <= now),
            QueueTab.Ready => query.Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now && p.ReadyAt != null),
            _ => query.Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now),
        };

        var since = filter.Range switch
        {
            IssuedWithin.Today => now.Date,
            IssuedWithin.Week => now.AddDays(-7),
            IssuedWithin.Month => now.AddMonths(-1),
            _ => (DateTime?)null,
        };
        if (since is { } from)
        {
            query = query.Where(p => p.IssuedAt >= from);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var hpn = Accounts.Hpn.TryNormalize(filter.Search, out var digits) ? digits : null;
            var pattern = SearchPattern.Containing(filter.Search);
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
            query = hpn is not null
                ? query.Where(p => p.Patient.Hpn == hpn)
                : query.Where(p => EF.Functions.Like(p.Patient.User.FullName.ToLower(), pattern, SearchPattern.Escape)
                    || EF.Functions.Like(p.RxNumber.ToLower(), pattern, SearchPattern.Escape));
#pragma warning restore CA1304, CA1311
        }

        return query;
    }

    /// <summary>Each tab's rows in the order of the time its index holds (issue, dispense or expiry), the id breaking ties.</summary>
    private static IQueryable<Prescription> Ordered(IQueryable<Prescription> query, QueueFilter filter) => (filter.Tab, filter.Order) switch
    {
        (QueueTab.Dispensed, QueueSort.NewestFirst) => query.OrderByDescending(p => p.DispensedAt).ThenByDescending(p => p.Id),
        (QueueTab.Dispensed, _) => query.OrderBy(p => p.DispensedAt).ThenBy(p => p.Id),
        (QueueTab.Expired, QueueSort.NewestFirst) => query.OrderByDescending(p => p.ExpiresAt).ThenByDescending(p => p.Id),
        (QueueTab.Expired, _) => query.OrderBy(p => p.ExpiresAt).ThenBy(p => p.Id),
        (_, QueueSort.NewestFirst) => query.OrderByDescending(p => p.IssuedAt).ThenByDescending(p => p.Id),
        _ => query.OrderBy(p => p.IssuedAt).ThenBy(p => p.Id),
    };

    private static IQueryable<Prescription> WithPriority(IQueryable<Prescription> query, Priority priority) => priority switch
    {
        Priority.Controlled => query.Where(p => DrugRules.ControlledSchedules.Contains(p.Schedule)),
        Priority.HighRisk => query.Where(p => !DrugRules.ControlledSchedules.Contains(p.Schedule)
            && DrugRules.HighRiskLevels.Contains(p.RiskLevel)),
        _ => query.Where(p => !DrugRules.ControlledSchedules.Contains(p.Schedule)
            && !DrugRules.HighRiskLevels.Contains(p.RiskLevel)),
    };

    /// <summary>
    /// One pass over the matching rows grouped by schedule and risk (served by the covering index on pharmacy, status,
    /// expiry or dispense time, schedule and risk), folded into priorities in memory: there are a dozen groups at most.
    /// A priority filter drops the other priorities' groups here, so the query and its index stay the same for every
    /// priority.
    /// </summary>
    private static async Task<QueueStats> StatsAsync(IQueryable<Prescription> query, Priority? only, CancellationToken cancellationToken)
    {
        var all = await query.GroupBy(p => new { p.Schedule, p.RiskLevel })
            .Select(g => new { g.Key.Schedule, g.Key.RiskLevel, Count = g.Count() }).ToListAsync(cancellationToken);
        var groups = only is { } kept ? all.Where(g => DrugRules.PriorityOf(g.Schedule, g.RiskLevel) == kept).ToList() : all;
        int Sum(Priority p) => groups.Where(g => DrugRules.PriorityOf(g.Schedule, g.RiskLevel) == p).Sum(g => g.Count);
        var controlled = Sum(Priority.Controlled);
        var highRisk = Sum(Priority.HighRisk);
        var total = groups.Sum(g => g.Count);
        return total == 0 ? QueueStats.Empty : new QueueStats(total, controlled, highRisk, total - controlled - highRisk);
    }

    private sealed record SharedPageKey(QueueChanged Change, int PharmacyId, QueueFilter Filter, int Skip, int Take);
}
