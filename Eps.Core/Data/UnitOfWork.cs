using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Data;

/// <summary>
/// Runs a unit of work in one transaction inside the provider's execution strategy. On PostgreSQL and SQL Server the
/// strategy retries transient failures (a dropped connection, a deadlock victim, a serialization failure), and EF Core
/// refuses a transaction opened by hand under a retrying strategy, because it could not replay half of one. So the
/// whole unit of work is the retried operation: every read it decides on and every write it makes happen inside
/// <paramref name="work"/>, and a retry starts again from an empty change tracker. The transaction commits when
/// <paramref name="work"/> returns, unless it rolled back itself (<c>db.Database.RollbackTransactionAsync</c>).
/// </summary>
public static class UnitOfWork
{
    public static async Task<T> InTransactionAsync<T>(this EpsDbContext db, Func<CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var attempt = 0;
        return await strategy.ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                // The failed attempt's entities are not in the database; a retry must not save them twice.
                db.ChangeTracker.Clear();
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            if (db.Database.CurrentTransaction == transaction)
            {
                await transaction.CommitAsync(ct);
            }

            return result;
        }, cancellationToken);
    }

    public static Task InTransactionAsync(this EpsDbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);
}
