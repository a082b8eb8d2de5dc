using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Core.Data;

/// <summary>
/// Every unit of work runs inside the provider's execution strategy. On a server engine the strategy retries, and EF
/// refuses any transaction opened by hand under it, so the whole suite passing on PostgreSQL proves that no code path
/// opens one outside <see cref="UnitOfWork"/>; these tests prove the strategy there is the retrying kind and that a
/// unit of work broken by a lost connection is replayed whole and committed once.
/// </summary>
public sealed class ExecutionStrategyTests
{
    [Fact]
    public async Task Server_engines_retry_and_refuse_hand_opened_transactions_while_SQLite_runs_once()
    {
        await using var core = await CoreHarness.StartAsync();
        await using var db = await core.DbAsync();

        Assert.Equal(TestDatabase.IsServer, db.Database.CreateExecutionStrategy().RetriesOnFailure);
        if (TestDatabase.IsServer)
        {
            // EF refuses at the first command run in a transaction opened by hand, not at BeginTransaction itself.
            await using var transaction = await db.Database.BeginTransactionAsync();
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Pharmacies.CountAsync());
            Assert.Contains("user-initiated transactions", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await db.Pharmacies.AnyAsync());
        }
    }

    [Fact]
    public async Task A_unit_of_work_whose_connection_is_killed_is_replayed_whole_and_saved_once()
    {
        await using var core = await CoreHarness.StartAsync();
        await using var db = await core.DbAsync();
        var attempts = 0;

        await db.InTransactionAsync(async ct =>
        {
            attempts++;
            db.VerificationAttempts.Add(new VerificationAttempt
            {
                OccurredAt = core.Time.GetUtcNow().UtcDateTime, Kind = AttemptKind.Verify, Success = false, Reason = "replayed unit of work",
            });
            await db.SaveChangesAsync(ct);
            if (attempts == 1 && TestDatabase.Provider == Eps.Core.Data.DatabaseProvider.Postgres)
            {
                // The server ends this session mid-transaction, as a failover or a network cut would.
                await db.Database.ExecuteSqlRawAsync("SELECT pg_terminate_backend(pg_backend_pid())", ct);
            }
        }, CancellationToken.None);

        await using var check = await core.DbAsync();
        Assert.Equal(1, await check.VerificationAttempts.CountAsync(a => a.Reason == "replayed unit of work"));
        Assert.Equal(TestDatabase.Provider == Eps.Core.Data.DatabaseProvider.Postgres ? 2 : 1, attempts);
    }

    [Fact]
    public async Task A_unit_of_work_that_rolls_back_itself_saves_nothing()
    {
        await using var core = await CoreHarness.StartAsync();
        await using var db = await core.DbAsync();

        var result = await db.InTransactionAsync(async ct =>
        {
            db.VerificationAttempts.Add(new VerificationAttempt
            {
                OccurredAt = core.Time.GetUtcNow().UtcDateTime, Kind = AttemptKind.Verify, Success = false, Reason = "rolled back",
            });
            await db.SaveChangesAsync(ct);
            await db.Database.RollbackTransactionAsync(ct);
            return "declined";
        }, CancellationToken.None);

        Assert.Equal("declined", result);
        await using var check = await core.DbAsync();
        Assert.Equal(0, await check.VerificationAttempts.CountAsync(a => a.Reason == "rolled back"));
    }
}
