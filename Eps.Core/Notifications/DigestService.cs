using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eps.Core.Notifications;

/// <summary>
/// The 08:00 digest: one email per pharmacy with pending, unexpired prescriptions, with counts by priority. Safe to
/// run any number of times a day — the unique <see cref="DigestRecord"/> lets exactly one run queue each pharmacy's mail.
/// </summary>
public sealed class DigestService(
    IDbContextFactory<EpsDbContext> dbFactory, Notifier notifier, IOptions<NotificationOptions> options, IOptions<MailOptions> mail,
    LocalClock clock, TimeProvider time, ILogger<DigestService> logger)
{
    public TimeZoneInfo Zone => clock.Zone;

    /// <summary>Sends today's digests if it is digest time or later in the configured zone (catch-up after downtime).</summary>
    public async Task<int> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);
        return local.Hour < options.Value.DigestHour ? 0 : await SendAsync(DateOnly.FromDateTime(local.DateTime), cancellationToken);
    }

    /// <summary>Queues the digest of <paramref name="date"/> for every pharmacy with pending work that has not had it.</summary>
    public async Task<int> SendAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<PendingCounts> counts;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var done = db.DigestRecords.Where(d => d.Date == date).Select(d => d.PharmacyId);
            counts = await db.Prescriptions
                .Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now && !done.Contains(p.PharmacyId))
                .GroupBy(p => p.PharmacyId)
                .Select(g => new PendingCounts(
                    g.Key,
                    g.Count(p => DrugRules.ControlledSchedules.Contains(p.Schedule)),
                    g.Count(p => !DrugRules.ControlledSchedules.Contains(p.Schedule) && DrugRules.HighRiskLevels.Contains(p.RiskLevel)),
                    g.Count()))
                .ToListAsync(cancellationToken);
        }

        var queued = 0;
        foreach (var c in counts)
        {
            queued += await QueueOneAsync(c, date, now, cancellationToken) ? 1 : 0;
        }

        if (queued > 0)
        {
            logger.LogInformation("Queued {Count} daily digests for {Date}", queued, date);
        }

        return queued;
    }

    private async Task<bool> QueueOneAsync(PendingCounts c, DateOnly date, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pharmacy = await db.Pharmacies.SingleAsync(p => p.Id == c.PharmacyId, cancellationToken);
        var routine = c.Total - c.Controlled - c.HighRisk;
        db.DigestRecords.Add(new DigestRecord
        {
            PharmacyId = c.PharmacyId, Date = date, QueuedAt = now, Routine = routine, Controlled = c.Controlled, HighRisk = c.HighRisk,
        });
        notifier.Add(db, EmailTemplates.PharmacyDigestKind, pharmacy.Email,
            EmailTemplates.PharmacyDigest(pharmacy.Name, date, routine, c.Controlled, c.HighRisk, mail.Value.BaseUrl.TrimEnd('/')));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run (or instance) queued this pharmacy's digest first: its record and mail stand, ours are dropped.
            if (await AlreadyQueuedAsync(c.PharmacyId, date, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private async Task<bool> AlreadyQueuedAsync(int pharmacyId, DateOnly date, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DigestRecords.AnyAsync(d => d.PharmacyId == pharmacyId && d.Date == date, cancellationToken);
    }

    private sealed record PendingCounts(int PharmacyId, int Controlled, int HighRisk, int Total);
}
