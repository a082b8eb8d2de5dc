using System.Text.Json;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Audit;

/// <summary>
/// Appends entries to the hash chain inside the caller's transaction. The head row is bumped first (a write that
/// locks it on SQL Server and holds SQLite's single writer), so concurrent appenders queue and the chain stays linear.
/// </summary>
public sealed class AuditTrail(TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Adds an entry; the caller must be in a transaction and save it with its other changes.</summary>
    public async Task AppendAsync(EpsDbContext db, string kind, string? actorUserId, string subject, object details, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are appended inside the transaction of the change they record.");
        }

        // The head row is created by the initial migration, so this always bumps exactly one row.
        await db.AuditHeads.Where(h => h.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence + 1), cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        var entry = new AuditEntry
        {
            Sequence = head.Sequence,
            At = time.GetUtcNow().UtcDateTime,
            Kind = kind,
            ActorUserId = actorUserId,
            Subject = Text.Clip(subject, 64) ?? "",
            Details = JsonSerializer.Serialize(details, Json),
            PreviousHash = head.Hash,
        };
        entry.Hash = AuditChain.HashOf(entry);
        db.AuditEntries.Add(entry);
        await db.AuditHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.Hash, entry.Hash), cancellationToken);
    }
}
