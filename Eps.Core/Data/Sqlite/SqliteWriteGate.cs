using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Eps.Core.Data.Sqlite;

/// <summary>
/// Lets one write transaction at a time into SQLite from this process. SQLite has a single writer; without the gate,
/// concurrent transactions find the file locked and sleep in SQLite's busy handler (1, 2, 5 … 100 ms steps), which is
/// what a burst of approvals waited on. With it they queue here and start the moment the previous one ends. Another
/// process sharing the file still meets the busy timeout. The gate is released when the transaction commits, rolls
/// back or fails, or at the latest when its connection closes.
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor, IDisposable
{
    /// <summary>As long as SQLite's own busy timeout: a writer stuck longer than that is a fault, reported as one.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, object> _holders = [];

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!_gate.Wait(Timeout))
        {
            throw Locked();
        }

        _holders.AddOrUpdate(connection, _gate);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(Timeout, cancellationToken))
        {
            throw Locked();
        }

        _holders.AddOrUpdate(connection, _gate);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A transaction disposed without commit or rollback (an exception on the way out) ends with its connection.</summary>
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return ValueTask.FromResult(result);
    }

    private static TimeoutException Locked() =>
        new("Another write transaction has held the database for more than 30 seconds.");

    public void Dispose() => _gate.Dispose();

    /// <summary>Holds the gate for a write transaction made outside EF, on a connection of the caller's own.</summary>
    internal async Task<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(Timeout, cancellationToken))
        {
            throw Locked();
        }

        return new Lease(_gate);
    }

    internal readonly struct Lease(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    private void Release(DbContext? context)
    {
        if (context is not null)
        {
            Release(context.Database.GetDbConnection());
        }
    }

    private void Release(DbConnection connection)
    {
        if (_holders.Remove(connection))
        {
            _gate.Release();
        }
    }
}
