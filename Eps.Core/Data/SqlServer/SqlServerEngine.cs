using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Eps.Core.Data.SqlServer;

/// <summary>
/// SQL Server. As on PostgreSQL (see <see cref="Postgres.PostgresEngine"/>): a retrying execution strategy, every
/// unit of work through <see cref="UnitOfWork"/>, and the same guarantees from conditional UPDATEs (an UPDATE takes
/// an update lock on the rows it tests, so a racing writer waits and then finds the row changed), the audit head's
/// row lock and unique indexes. Its default collation is case-insensitive; searches lower-case both sides anyway so
/// that every provider behaves alike.
/// </summary>
internal static class SqlServerEngine
{
    public static void Add(IServiceCollection services)
    {
        services.AddPooledDbContextFactory<SqlServerEpsDbContext>((sp, o) =>
            o.UseSqlServer(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString, sql => sql.EnableRetryOnFailure()));
        services.AddSingleton<IDbContextFactory<EpsDbContext>, EpsDbContextFactory<SqlServerEpsDbContext>>();
    }
}
