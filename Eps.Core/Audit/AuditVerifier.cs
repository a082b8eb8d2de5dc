using Eps.Core.Data;
using Eps.Core.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Audit;

/// <summary>The result of walking the chain: intact, or the first broken link and why.</summary>
public sealed record ChainReport(bool Intact, long EntriesChecked, long? BrokenAt, string Message, int CheckpointsChecked);

/// <summary>
/// Walks the audit chain from the first entry, recomputing every hash, and checks each signed daily checkpoint
/// against the entry it signed. Reports the first broken link: an edited entry, a deleted one (a gap), a re-linked
/// chain, or a rewrite that no longer matches a signature.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<EpsDbContext> dbFactory, KeyRing keys)
{
    private const int Batch = 5000;

    public async Task<ChainReport> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expectedSequence = 1L;
        var previous = AuditChain.Genesis;
        var hashes = new Dictionary<long, string>();
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= expectedSequence)
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
            foreach (var e in batch)
            {
                var problem = e.Sequence != expectedSequence ? $"entry {expectedSequence} is missing (deleted?)"
                    : e.PreviousHash != previous ? $"entry {e.Sequence} does not link to entry {e.Sequence - 1}"
                    : AuditChain.HashOf(e) != e.Hash ? $"entry {e.Sequence} was altered after it was written"
                    : null;
                if (problem is not null)
                {
                    return new(false, expectedSequence - 1, expectedSequence, $"Broken at entry {expectedSequence}: {problem}.", 0);
                }

                hashes[e.Sequence] = e.Hash;
                previous = e.Hash;
                expectedSequence++;
            }

            if (batch.Count < Batch)
            {
                break;
            }
        }

        var count = expectedSequence - 1;
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        if (head.Sequence != count || head.Hash != previous)
        {
            return new(false, count, count + 1, $"Broken at entry {count + 1}: the chain head records {head.Sequence} entries but {count} remain (latest entries deleted?).", 0);
        }

        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Date).ToListAsync(cancellationToken);
        foreach (var c in checkpoints)
        {
            if (!keys.TryGet(c.KeyId, out var key)
                || !key.Verify(AuditChain.CheckpointPayload(c.Date, c.Sequence, c.Hash), Convert.FromBase64String(c.Signature)))
            {
                return new(false, count, c.Sequence, $"The signed checkpoint of {c.Date:yyyy-MM-dd} has an invalid signature.", checkpoints.Count);
            }

            var signedHead = c.Sequence == 0 ? AuditChain.Genesis : hashes.GetValueOrDefault(c.Sequence);
            if (signedHead != c.Hash)
            {
                return new(false, count, c.Sequence, $"Broken at entry {c.Sequence}: it no longer matches the checkpoint signed on {c.Date:yyyy-MM-dd} (history rewritten).", checkpoints.Count);
            }
        }

        return new(true, count, null, $"All {count} entries link correctly; {checkpoints.Count} signed checkpoints match.", checkpoints.Count);
    }
}
