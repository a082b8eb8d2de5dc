using System.Runtime.InteropServices;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Analytics;

/// <summary>
/// Prescription volume, approval-to-dispensing times and verification failures for a period, for one pharmacy or all.
/// Each query fetches only the columns it needs for the period and groups by local day (the service's time zone) in memory, so the same code runs on
/// SQLite and SQL Server without provider date functions.
/// </summary>
public sealed class AnalyticsService(IDbContextFactory<EpsDbContext> dbFactory, LocalClock clock)
{
    /// <summary>
    /// The figures <paramref name="actor"/> may see: an admin any pharmacy's or all; a pharmacist only their own pharmacy's,
    /// whatever <paramref name="pharmacyId"/> asks for; anyone else nothing.
    /// </summary>
    public Task<AnalyticsReport> ReportAsync(Actor actor, ReportPeriod period, int? pharmacyId, CancellationToken cancellationToken) =>
        actor.IsAdmin ? ReportAsync(period, pharmacyId, cancellationToken)
        : actor.IsPharmacist ? ReportAsync(period, actor.PharmacyId, cancellationToken)
        : Task.FromResult(AnalyticsReport.Empty(period, pharmacyId));

    /// <summary>The figures for <paramref name="period"/>; no role check.</summary>
    public async Task<AnalyticsReport> ReportAsync(ReportPeriod period, int? pharmacyId, CancellationToken cancellationToken)
    {
        if (period.Problem is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(period), problem);
        }

        var (start, end) = clock.Bounds(period);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pharmacies = await db.Pharmacies.AsNoTracking()
            .Select(p => new PharmacyOption(p.Id, p.Code, p.Name)).ToDictionaryAsync(p => p.Id, cancellationToken);
        PharmacyOption? only = null;
        if (pharmacyId is { } id && !pharmacies.TryGetValue(id, out only))
        {
            return AnalyticsReport.Empty(period, pharmacyId);
        }

        return new AnalyticsReport(period, pharmacyId,
            await VolumeAsync(db, start, end, only, pharmacies, cancellationToken),
            await DispenseTimesAsync(db, start, end, only, pharmacies, cancellationToken),
            await FailuresAsync(db, start, end, only, cancellationToken));
    }

    private async Task<IReadOnlyList<DailyVolume>> VolumeAsync(EpsDbContext db, DateTime start, DateTime end,
        PharmacyOption? only, Dictionary<int, PharmacyOption> pharmacies, CancellationToken cancellationToken)
    {
        var issued = db.Prescriptions.AsNoTracking().Where(p => p.IssuedAt >= start && p.IssuedAt < end);
        if (only is not null)
        {
            issued = issued.Where(p => p.PharmacyId == only.Id);
        }

        var counts = new Dictionary<(DateOnly Day, int PharmacyId), int>();
        await foreach (var row in issued.Select(p => new { p.IssuedAt, p.PharmacyId }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, (clock.DayOf(row.IssuedAt), row.PharmacyId), out _)++;
        }

        return [.. counts
            .Select(c => (c.Key.Day, Pharmacy: pharmacies[c.Key.PharmacyId], Count: c.Value))
            .OrderBy(c => c.Day).ThenBy(c => c.Pharmacy.Name, StringComparer.Ordinal)
            .Select(c => new DailyVolume(c.Day, c.Pharmacy.Id, c.Pharmacy.Code, c.Pharmacy.Name, c.Count))];
    }

    private static async Task<IReadOnlyList<DispenseTimes>> DispenseTimesAsync(EpsDbContext db, DateTime start, DateTime end,
        PharmacyOption? only, Dictionary<int, PharmacyOption> pharmacies, CancellationToken cancellationToken)
    {
        // A dispense belongs to the period in which it happened, however long ago the prescription was approved.
        var dispensed = db.Prescriptions.AsNoTracking()
            .Where(p => p.Status == PrescriptionState.Dispensed && p.DispensedAt >= start && p.DispensedAt < end);
        if (only is not null)
        {
            dispensed = dispensed.Where(p => p.PharmacyId == only.Id);
        }

        var rows = await dispensed.Select(p => new { p.PharmacyId, p.IssuedAt, p.DispensedAt }).ToListAsync(cancellationToken);
        return [.. rows
            .GroupBy(r => r.PharmacyId, r => (r.DispensedAt!.Value - r.IssuedAt).TotalHours)
            .Select(g => (Pharmacy: pharmacies[g.Key], Hours: g.Order().ToArray()))
            .OrderBy(g => g.Pharmacy.Name, StringComparer.Ordinal)
            .Select(g => new DispenseTimes(g.Pharmacy.Id, g.Pharmacy.Code, g.Pharmacy.Name, g.Hours.Length,
                g.Hours.Average(), Percentile(g.Hours, 0.5), Percentile(g.Hours, 0.9)))];
    }

    private async Task<IReadOnlyList<DailyFailures>> FailuresAsync(
        EpsDbContext db, DateTime start, DateTime end, PharmacyOption? only, CancellationToken cancellationToken)
    {
        var failed = db.VerificationAttempts.AsNoTracking()
            .Where(a => a.Kind == AttemptKind.Verify && !a.Success && a.OccurredAt >= start && a.OccurredAt < end);
        if (only is not null)
        {
            // A pharmacy's failures: its own pharmacists', and anonymous callers' that claimed its code (compared
            // below, in memory, ignoring case on every provider).
            failed = failed.Where(a => a.AuthenticatedPharmacyId == only.Id || a.AuthenticatedPharmacyId == null);
        }

        var counts = new Dictionary<(DateOnly Day, string Reason), int>();
        var rows = failed.Select(a => new { a.OccurredAt, a.StepFailed, a.AuthenticatedPharmacyId, a.ClaimedPharmacyCode });
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (only is null || row.AuthenticatedPharmacyId == only.Id
                || string.Equals(row.ClaimedPharmacyCode?.Trim(), only.Code, StringComparison.OrdinalIgnoreCase))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, (clock.DayOf(row.OccurredAt), row.StepFailed ?? "unknown"), out _)++;
            }
        }

        return [.. counts.OrderBy(c => c.Key.Day).ThenBy(c => c.Key.Reason, StringComparer.Ordinal)
            .Select(c => new DailyFailures(c.Key.Day, c.Key.Reason, c.Value))];
    }

    /// <summary>Linear interpolation between closest ranks (as PERCENTILE.INC): p50 is the median.</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
