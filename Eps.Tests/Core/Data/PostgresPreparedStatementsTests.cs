using Eps.Core.Data.Postgres;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Eps.Tests.Core.Data;

/// <summary>
/// On PostgreSQL the app's connections prepare their statements automatically and run without the server's JIT and parallel workers unless
/// the connection string says otherwise: unprepared, the server plans the verification lookup's nine-table join on every
/// call; with JIT, a queue page spent more time compiling than running, and parallel workers cost a searched tab more
/// to start than they saved.
/// </summary>
public sealed class PostgresPreparedStatementsTests
{
    [Fact]
    public void Automatic_preparation_is_on_unless_the_connection_string_sets_it()
    {
        var plain = new NpgsqlConnectionStringBuilder(PostgresEngine.WithDefaults("Host=db;Database=eps"));
        Assert.Equal(PostgresEngine.DefaultMaxAutoPrepare, plain.MaxAutoPrepare);
        Assert.Equal("eps", plain.Database);

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(PostgresEngine.WithDefaults("Host=db;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(10, new NpgsqlConnectionStringBuilder(PostgresEngine.WithDefaults("Host=db;MaxAutoPrepare=10")).MaxAutoPrepare);
        Assert.Null(PostgresEngine.WithDefaults(null));

        Assert.Equal(PostgresEngine.DefaultOptions, plain.Options);
        Assert.True(plain.NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(PostgresEngine.WithDefaults("Host=db;No Reset On Close=false")).NoResetOnClose);
        Assert.Equal("-c work_mem=64MB", new NpgsqlConnectionStringBuilder(PostgresEngine.WithDefaults("Host=db;Options=-c work_mem=64MB")).Options);
    }

    [Fact]
    public async Task The_app_connects_with_automatic_preparation_and_without_jit_on_PostgreSQL()
    {
        await using var core = await CoreHarness.StartAsync();
        await using var db = await core.DbAsync();
        if (TestDatabase.Provider == Eps.Core.Data.DatabaseProvider.Postgres)
        {
            Assert.Equal(PostgresEngine.DefaultMaxAutoPrepare, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxAutoPrepare);
            Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
            Assert.Equal("0", await db.Database.SqlQueryRaw<string>("SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"").SingleAsync());
        }

        Assert.True(await db.Pharmacies.AnyAsync());
    }
}
