using System.Collections.Concurrent;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Queue.Counts;
using Eps.Core.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Eps.Core.Queue;

/// <summary>
/// The pharmacy queue: one query for the page (priority computed from the drug catalogue in SQL, no query per row),
/// and one grouped query for the stats, which are also the matching count. Neither grows with the history: the rows
/// that are counted one by one are the unexpired pending ones or a date range, and the history-wide counts (Dispensed,
/// Expired) come from the counts the database keeps per pharmacy and per patient (<see cref="PharmacyQueueCount"/>).
/// </summary>
public sealed class QueueQuery(IDbContextFactory<EpsDbContext> dbFactory, TimeProvider time, IOptions<TokenOptions> tokens)
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

        var search = QueueSearch.Parse(filter.Search, tokens.Value.PrescriptionIdPrefix);
        var stats = await StatsAsync(db, pharmacyId, filter, search, now, cancellationToken);
        var matching = Filtered(db, pharmacyId, filter, search, now);
        if (filter.Priority is { } priority)
        {
            matching = WithPriority(matching, priority);
        }

        // Past the last matching row (an empty filter, a page beyond the end) there is nothing to read. The page's ids
        // come from the tab's index alone; only those rows are read from the table (and sorted again, a page at most).
        var page = Ordered(matching, filter).Skip(skip).Take(take).Select(p => p.Id);
        var rows = stats.Total <= skip ? [] : await Ordered(db.Prescriptions.AsNoTracking().Where(p => page.Contains(p.Id)), filter).Select(p => new QueueRow(
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

    private static IQueryable<Prescription> Filtered(EpsDbContext db, int pharmacyId, QueueFilter filter, QueueSearch search, DateTime now)
    {
        var query = db.Prescriptions.AsNoTracking().Where(p => p.PharmacyId == pharmacyId);
        query = filter.Tab switch
        {
            QueueTab.Dispensed => query.Where(p => p.Status == PrescriptionState.Dispensed),
            QueueTab.Expired => query.Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiresAt <= now),
            QueueTab.Ready => query.Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now && p.ReadyAt != null),
            _ => query.Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now),
        };

        if (Since(filter.Range, now) is { } from)
        {
            query = query.Where(p => p.IssuedAt >= from);
            // Implied by the issue time (a prescription is dispensed and expires after it is issued), and what the tab's
            // index can seek on: the range reads the window, not the history.
            query = filter.Tab switch
            {
                QueueTab.Dispensed => query.Where(p => p.DispensedAt >= from),
                QueueTab.Expired => query.Where(p => p.ExpiresAt >= from),
                _ => query,
            };
        }

        if (search.RxNumber is { } rx)
        {
            query = query.Where(p => p.RxNumber == rx);
        }
        else if (search.Patients(db) is { } patients)
        {
            query = query.Where(p => patients.Contains(p.PatientId));
        }

        return query;
    }

    private static DateTime? Since(IssuedWithin range, DateTime now) => range switch
    {
        IssuedWithin.Today => now.Date,
        IssuedWithin.Week => now.AddDays(-7),
        IssuedWithin.Month => now.AddMonths(-1),
        _ => null,
    };

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
    /// The stats, which are also the matching count, grouped by schedule and risk and folded into priorities in memory
    /// (a dozen groups at most); a priority filter drops the other priorities' groups here. What is bounded by the
    /// business rather than the history is counted row by row: the unexpired pending rows (Pending, Ready) and any date
    /// range. The history-wide tabs come from the counts the database keeps (<see cref="PharmacyQueueCount"/>, per
    /// patient for a search): Dispensed is its count, Expired the pending count less the unexpired pending rows, read
    /// in one statement so that both halves see the same moment.
    /// </summary>
    private static async Task<QueueStats> StatsAsync(EpsDbContext db, int pharmacyId, QueueFilter filter, QueueSearch search, DateTime now,
        CancellationToken cancellationToken)
    {
        var counted = filter.Tab is QueueTab.Dispensed or QueueTab.Expired && filter.Range == IssuedWithin.All && search.RxNumber is null;
        List<ScheduleCount> groups;
        if (!counted)
        {
            groups = await Grouped(Filtered(db, pharmacyId, filter, search, now), 1).ToListAsync(cancellationToken);
        }
        else
        {
            var state = filter.Tab == QueueTab.Dispensed ? PrescriptionState.Dispensed : PrescriptionState.PendingCollection;
            var kept = search.Patients(db) is { } patients
                ? db.Set<PatientQueueCount>().Where(c => c.PharmacyId == pharmacyId && c.Status == state && patients.Contains(c.PatientId))
                    .GroupBy(c => new { c.Schedule, c.RiskLevel })
                    .Select(g => new ScheduleCount { Schedule = g.Key.Schedule, RiskLevel = g.Key.RiskLevel, Count = g.Sum(c => c.Count) })
                : db.Set<PharmacyQueueCount>().Where(c => c.PharmacyId == pharmacyId && c.Status == state)
                    .Select(c => new ScheduleCount { Schedule = c.Schedule, RiskLevel = c.RiskLevel, Count = c.Count });
            if (filter.Tab == QueueTab.Expired)
            {
                kept = kept.Concat(Grouped(Filtered(db, pharmacyId, filter with { Tab = QueueTab.Pending }, search, now), -1));
            }

            groups = await kept.ToListAsync(cancellationToken);
        }

        if (filter.Priority is { } only)
        {
            groups = [.. groups.Where(g => DrugRules.PriorityOf(g.Schedule, g.RiskLevel) == only)];
        }

        int Sum(Priority p) => groups.Where(g => DrugRules.PriorityOf(g.Schedule, g.RiskLevel) == p).Sum(g => g.Count);
        var controlled = Sum(Priority.Controlled);
        var highRisk = Sum(Priority.HighRisk);
        var total = groups.Sum(g => g.Count);
        return total == 0 ? QueueStats.Empty : new QueueStats(total, controlled, highRisk, total - controlled - highRisk);
    }

    /// <summary>The rows' count per schedule and risk, times <paramref name="sign"/> (-1 to subtract them from a kept count).</summary>
    private static IQueryable<ScheduleCount> Grouped(IQueryable<Prescription> query, int sign) =>
        query.GroupBy(p => new { p.Schedule, p.RiskLevel }).Select(g => new ScheduleCount { Schedule = g.Key.Schedule, RiskLevel = g.Key.RiskLevel, Count = g.Count() * sign });

    private sealed class ScheduleCount
    {
        public DrugSchedule Schedule { get; init; }
        public RiskLevel RiskLevel { get; init; }
        public int Count { get; init; }
    }

    private sealed record SharedPageKey(QueueChanged Change, int PharmacyId, QueueFilter Filter, int Skip, int Take);
}
