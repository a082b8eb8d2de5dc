using System.Text.Json;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Eps.Core.Audit;

/// <summary>
/// Appends entries to the hash chain inside the caller's transaction. The head row is bumped first (a write that
/// takes its row lock on PostgreSQL and SQL Server until commit, and holds SQLite's single writer), so concurrent
/// appenders queue and the chain stays linear.
/// </summary>
public sealed class AuditTrail(TimeProvider time)
{
    private static readonly Func<EpsDbContext, CancellationToken, Task<AuditHead>> ReadHead =
        EF.CompileAsyncQuery((EpsDbContext db, CancellationToken _) => db.AuditHeads.AsNoTracking().Single(h => h.Id == 1));

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Adds an entry; the caller must be in a transaction and save it with its other changes.</summary>
    public Task AppendAsync(EpsDbContext db, string kind, string? actorUserId, string subject, object details, CancellationToken cancellationToken) =>
        AppendManyAsync(db, [new AuditRecord(kind, actorUserId, subject, details)], cancellationToken);

    /// <summary>
    /// Adds consecutive entries with one bump of the head (a batch of writes committed together); the caller must be in
    /// a transaction and save them with its other changes.
    /// </summary>
    public async Task AppendManyAsync(EpsDbContext db, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are appended inside the transaction of the change they record.");
        }

        if (records.Count == 0)
        {
            return;
        }

        // The head row is created by the initial migration, so this always bumps exactly one row.
        var count = records.Count;
        await db.Database.ExecuteSqlRawAsync(HeadSql(db).Bump, [count], cancellationToken);
        var head = await ReadHead(db, cancellationToken);
        var entries = Link(records, head.Sequence - count + 1, head.Hash);
        db.AuditEntries.AddRange(entries);
        await db.Database.ExecuteSqlRawAsync(HeadSql(db).Move, [entries[^1].Hash], cancellationToken);
    }

    /// <summary>The entries for <paramref name="records"/>, numbered from <paramref name="firstSequence"/> and chained on from <paramref name="previousHash"/>.</summary>
    internal List<AuditEntry> Link(IReadOnlyList<AuditRecord> records, long firstSequence, string previousHash)
    {
        var entries = new List<AuditEntry>(records.Count);
        var (sequence, previous) = (firstSequence, previousHash);
        // Hashed as stored: PostgreSQL keeps microseconds, so a tick finer than that would not survive the round trip
        // and the entry would fail its own check.
        var now = time.GetUtcNow().UtcDateTime;
        var at = now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
        foreach (var record in records)
        {
            var entry = new AuditEntry
            {
                Sequence = sequence++,
                At = at,
                Kind = record.Kind,
                ActorUserId = record.ActorUserId,
                Subject = Text.Clip(record.Subject, 64) ?? "",
                Details = JsonSerializer.Serialize(record.Details, Json),
                PreviousHash = previous,
            };
            entry.Hash = previous = AuditChain.HashOf(entry);
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>
    /// The two head updates as plain parameterised SQL in the provider's quoting: they run on every append, and a LINQ
    /// ExecuteUpdate is translated again each time.
    /// </summary>
    private static (string Bump, string Move) HeadSql(EpsDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(AuditHead))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var update = string.Concat("UPDATE ", sql.DelimitIdentifier(table.Name, table.Schema), " SET ");
        var where = string.Concat(" WHERE ", Column(nameof(AuditHead.Id)), " = 1");
        return (string.Concat(update, Column(nameof(AuditHead.Sequence)), " = ", Column(nameof(AuditHead.Sequence)), " + {0}", where),
            string.Concat(update, Column(nameof(AuditHead.Hash)), " = {0}", where));
    }
}

/// <summary>One event to append to the chain: what happened, who did it, to what, and its compact facts.</summary>
public sealed record AuditRecord(string Kind, string? ActorUserId, string Subject, object Details);
