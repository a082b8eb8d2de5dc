using System.Threading.Channels;
using Eps.Core.Audit;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Dispensing;

/// <summary>
/// Writes verification attempts with their audit entries by group commit: requests queue their rows, one writer commits
/// whatever has queued in a single transaction, and each request returns only once its rows are committed. On SQLite,
/// which has one writer at a time, this turns a transaction per request into a transaction per batch, so a burst of
/// verifications neither waits on the file lock nor loses a row.
/// </summary>
public sealed partial class VerificationJournal : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<EpsDbContext> _dbFactory;
    private readonly AuditTrail _audit;
    private readonly IJournalWriter? _fast;
    private readonly ILogger<VerificationJournal> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <param name="fast">The provider's own writer when it has one (SQLite's prepared statements); EF otherwise.</param>
    internal VerificationJournal(IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit, ILogger<VerificationJournal> logger,
        IJournalWriter? fast)
    {
        (_dbFactory, _audit, _logger, _fast) = (dbFactory, audit, logger, fast);
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>Completes when the attempt and its audit entry are committed; throws if they could not be.</summary>
    public Task RecordAsync(VerificationAttempt attempt, AuditRecord audit)
    {
        var pending = new Pending(attempt, audit, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending)
            ? pending.Committed.Task
            : Task.FromException(new ObjectDisposedException(nameof(VerificationJournal)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await CommitAsync(batch);
                batch.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception e) when (batch.Count > 1)
            {
                // One bad row must not fail its neighbours: fall back to a transaction each.
                LogBatchFailed(_logger, batch.Count, e);
                foreach (var pending in batch)
                {
                    await CommitOneAsync(pending);
                }
            }
            catch (Exception e)
            {
                batch[0].Committed.TrySetException(e);
            }
        }
    }

    private async Task CommitOneAsync(Pending pending)
    {
        try
        {
            await CommitAsync([pending]);
            pending.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Committed.TrySetException(e);
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        if (_fast is not null)
        {
            await _fast.CommitAsync([.. batch.Select(p => (p.Attempt, p.Audit))]);
            return;
        }

        await using var db = await _dbFactory.CreateDbContextAsync();
        await db.InTransactionAsync(async cancellationToken =>
        {
            db.VerificationAttempts.AddRange(batch.Select(p => p.Attempt));
            await _audit.AppendManyAsync(db, [.. batch.Select(p => p.Audit)], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} verification attempts failed to commit; writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    private sealed record Pending(VerificationAttempt Attempt, AuditRecord Audit, TaskCompletionSource Committed);
}

/// <summary>A provider's own way of committing a batch of attempts with their audit entries (see <c>Data/Sqlite</c>).</summary>
public interface IJournalWriter
{
    Task CommitAsync(IReadOnlyList<(VerificationAttempt Attempt, AuditRecord Audit)> batch);
}
