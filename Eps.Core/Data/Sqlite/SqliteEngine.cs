using Eps.Core.Audit;
using Eps.Core.Dispensing;
using Eps.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Eps.Core.Data.Sqlite;

/// <summary>
/// SQLite, the embedded default. One file, one writer at a time: write transactions of this process queue on
/// <see cref="SqliteWriteGate"/> instead of sleeping in SQLite's busy handler; each connection gets WAL and NORMAL sync
/// (<see cref="SqlitePragmas"/>). The verification path, which runs on every scan, reads and journals through prepared
/// statements of its own (<see cref="SqliteCounterPrescriptionReader"/>, <see cref="SqliteJournalWriter"/>), because on SQLite
/// planning a statement costs more than running it. There is nothing transient to retry, so EF's default (non-retrying)
/// execution strategy applies; the concurrency guarantees rest on the single writer.
/// </summary>
public static class SqliteEngine
{
    /// <summary>The configured connection string, or <c>eps.db</c> in the data folder.</summary>
    public static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString is { Length: > 0 } configured
            ? configured
            : new SqliteConnectionStringBuilder { DataSource = services.GetRequiredService<DataPaths>().Combine("eps.db"), Pooling = true }.ToString();

    internal static void Add(IServiceCollection services)
    {
        var writeGate = new SqliteWriteGate();
        services.AddSingleton(writeGate);
        services.AddPooledDbContextFactory<SqliteEpsDbContext>((sp, o) =>
            o.UseSqlite(ConnectionString(sp))
                .AddInterceptors(new SqlitePragmas(), writeGate));
        services.AddSingleton<IDbContextFactory<EpsDbContext>, EpsDbContextFactory<SqliteEpsDbContext>>();
        services.AddSingleton<ICounterPrescriptionReader>(sp => new SqliteCounterPrescriptionReader(ConnectionString(sp)));
        services.AddSingleton<IJournalWriter>(sp =>
            new SqliteJournalWriter(ConnectionString(sp), writeGate, sp.GetRequiredService<AuditTrail>()));
    }
}
