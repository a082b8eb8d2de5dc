using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eps.Core.Data.Postgres;

/// <summary>
/// PostgreSQL (Npgsql), a server engine with row locks and many concurrent writers. Transient failures (a dropped
/// connection, a deadlock victim, a serialization failure) are retried by Npgsql's execution strategy, so every
/// unit of work runs through <see cref="UnitOfWork"/>. Npgsql is strict where SQLite is lenient: timestamps are
/// <c>timestamptz</c> and must be UTC (<see cref="UtcDateTimeConverter"/>), and text comparison is case-sensitive
/// (searches compare lower-cased text, <see cref="SearchPattern"/>). How each concurrency guarantee holds here:
/// <list type="bullet">
/// <item>one dispense winner and one approval per request: a conditional UPDATE; a concurrent writer waits on the row
/// lock, then re-checks the WHERE against the committed row (READ COMMITTED) and updates nothing;</item>
/// <item>the audit chain's head: the head row is UPDATEd first in each appending transaction, so appenders hold its
/// row lock in turn and each reads the head its predecessor committed;</item>
/// <item>the outbox claim: a conditional UPDATE of unclaimed rows, so two senders never claim one row;</item>
/// <item>the daily digest, checkpoint and incident report: unique indexes; the loser's insert fails and it keeps the winner's row.</item>
/// </list>
/// Text parameters cannot carry U+0000 here (<see cref="PostgresTextParameters"/>).
/// </summary>
internal static class PostgresEngine
{
    /// <summary>
    /// How many statements each connection keeps prepared when the connection string does not say (Npgsql prepares
    /// none by default). Unprepared, PostgreSQL plans every statement again on every call, and the verification lookup
    /// joins nine tables: planning it costs ~4.5 ms of server CPU, its execution ~0.1 ms. Prepared, the server reuses
    /// the plan after a few calls. Measured by the verify benchmark on PostgreSQL: ~360 req/s unprepared, ~1,600 prepared.
    /// </summary>
    internal const int DefaultMaxAutoPrepare = 64;

    private static readonly PostgresTextParameters TextParameters = new();

    public static void Add(IServiceCollection services)
    {
        services.AddPooledDbContextFactory<PostgresEpsDbContext>((sp, o) =>
            o.UseNpgsql(WithDefaults(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString),
                    npgsql => npgsql.EnableRetryOnFailure())
                .AddInterceptors(TextParameters));
        services.AddSingleton<IDbContextFactory<EpsDbContext>, EpsDbContextFactory<PostgresEpsDbContext>>();
    }

    /// <summary>
    /// The app's sessions are short statements answering a person at a counter, so by default (when the connection
    /// string passes no <c>Options</c> of its own) they run without the server's JIT compiler and without parallel
    /// workers. Both were measured on a queue page at 10,000,000 prescriptions: PostgreSQL compiles any statement its
    /// planner costs above 100,000 (57 ms of compiling for a page that reads 25 rows), and starting and gathering two
    /// workers for a searched tab's stats took 30 of its 50 ms.
    /// </summary>
    internal const string DefaultOptions = "-c jit=off -c max_parallel_workers_per_gather=0";

    /// <summary>
    /// The connection string with automatic preparation on, JIT and parallel workers off, and no session reset when a
    /// pooled connection is returned, each unless the connection string sets <c>Max Auto Prepare</c>, <c>Options</c> or
    /// <c>No Reset On Close</c> itself. The app sets no session state (no SET, LISTEN, temporary tables or advisory
    /// locks) for a reset to clear, and skipping it saved about a tenth of the server's CPU per verification.
    /// </summary>
    internal static string? WithDefaults(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        // Npgsql's own builder reports every keyword it knows as present, so the keys are read as written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToList();
        bool Sets(string keyword) => written.Any(k => k.Equals(keyword, StringComparison.OrdinalIgnoreCase));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!Sets("Options"))
        {
            builder.Options = DefaultOptions;
        }

        if (!Sets("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
