using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Notifications;

/// <summary>An outbox message as the admin page lists it (no bodies: they may hold patient details).</summary>
public sealed record OutboxRow(long Id, DateTime CreatedAt, string Kind, string To, string Subject, OutboxStatus Status,
    int Attempts, DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

/// <summary>Admin view of the outbox and the "retry now" action.</summary>
public sealed class OutboxAdmin(IDbContextFactory<EpsDbContext> dbFactory, TimeProvider time)
{
    public async Task<(IReadOnlyList<OutboxRow> Rows, int Total)> ListAsync(OutboxStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Outbox.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(m => m.Status == s);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(m => m.Id).Skip(skip).Take(take)
            .Select(m => new OutboxRow(m.Id, m.CreatedAt, m.Kind, m.To, m.Subject, m.Status, m.Attempts, m.NextAttemptAt, m.SentAt, m.LastError))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>Makes an unsent message due now (failed ones get a fresh series of attempts).</summary>
    public async Task<bool> RetryNowAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.Where(m => m.Id == id && m.Status != OutboxStatus.Sent)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.Attempts, m => m.Status == OutboxStatus.Failed ? 0 : m.Attempts)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken) == 1;
    }
}
