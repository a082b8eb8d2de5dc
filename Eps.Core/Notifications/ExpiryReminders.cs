using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Notifications;

/// <summary>
/// Reminds patients of pending tokens that expire within <see cref="Lead"/>. Safe to run any number of times, also on
/// two instances at once: each prescription is claimed by one conditional UPDATE of
/// <see cref="Prescription.ExpiryReminderSentAt"/>, committed with the reminder's outbox row, so it is reminded once.
/// </summary>
public sealed class ExpiryReminders(IDbContextFactory<EpsDbContext> dbFactory, Notifier notifier, TimeProvider time, ILogger<ExpiryReminders> logger)
{
    /// <summary>How long before expiry the reminder goes out.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromDays(3);

    private const int BatchSize = 200;

    /// <summary>Queues the reminders now due; returns how many this run queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var horizon = now + Lead;
        var queued = 0;
        while (true)
        {
            List<int> due;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                due = await Due(db, now, horizon).OrderBy(p => p.ExpiresAt).Select(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
            }

            foreach (var id in due)
            {
                queued += await RemindAsync(id, now, horizon, cancellationToken) ? 1 : 0;
            }

            // Claimed rows leave the query, so a full batch means there may be more; a short one was the last.
            if (due.Count < BatchSize)
            {
                break;
            }
        }

        if (queued > 0)
        {
            logger.LogInformation("Queued {Count} expiry reminders", queued);
        }

        return queued;
    }

    private async Task<bool> RemindAsync(int prescriptionId, DateTime now, DateTime horizon, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            // The claim re-checks every condition, so a token dispensed or cancelled since the read is not reminded, and
            // of two runs racing for one prescription only one updates it.
            var claimed = await Due(db, now, horizon).Where(p => p.Id == prescriptionId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiryReminderSentAt, now), ct);
            if (claimed == 0)
            {
                return false;
            }

            await notifier.ExpiryReminderAsync(db, prescriptionId, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
    }

    private static IQueryable<Prescription> Due(EpsDbContext db, DateTime now, DateTime horizon) =>
        db.Prescriptions.Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiryReminderSentAt == null
            && p.ExpiresAt > now && p.ExpiresAt <= horizon);
}
