using Eps.Core.Data;
using Eps.Core.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Audit;

/// <summary>Signs the chain head once a day with the active signing key (like CloudTrail's signed digests).</summary>
public sealed class AuditCheckpoints(IDbContextFactory<EpsDbContext> dbFactory, KeyRing keys, TimeProvider time)
{
    /// <summary>Stores the checkpoint for <paramref name="date"/> unless one exists; returns it either way.</summary>
    public async Task<AuditCheckpoint> CreateAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AuditCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Date == date, cancellationToken) is { } existing)
        {
            return existing;
        }

        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        var key = keys.Active;
        var checkpoint = new AuditCheckpoint
        {
            Date = date, Sequence = head.Sequence, Hash = head.Hash, SignedAt = time.GetUtcNow().UtcDateTime, KeyId = key.Kid,
            Signature = Convert.ToBase64String(key.Sign(AuditChain.CheckpointPayload(date, head.Sequence, head.Hash))),
        };
        db.AuditCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return checkpoint;
        }
        catch (DbUpdateException)
        {
            // Another instance signed this date first.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await again.AuditCheckpoints.AsNoTracking().SingleAsync(c => c.Date == date, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> ListAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Date).Take(take).ToListAsync(cancellationToken);
    }
}
