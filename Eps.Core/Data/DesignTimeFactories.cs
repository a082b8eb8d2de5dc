using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Data;

/// <summary>Options for building a context outside the app (tooling, model checks) with the app's Identity schema.</summary>
public static class DesignTimeOptions
{
    private static readonly IServiceProvider IdentityServices = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = EpsDbContext.IdentitySchema)
        .BuildServiceProvider();

    public static DbContextOptions<SqliteEpsDbContext> Sqlite(string connectionString) =>
        new DbContextOptionsBuilder<SqliteEpsDbContext>().UseSqlite(connectionString)
            .UseApplicationServiceProvider(IdentityServices).Options;

    public static DbContextOptions<PostgresEpsDbContext> Postgres(string connectionString) =>
        new DbContextOptionsBuilder<PostgresEpsDbContext>().UseNpgsql(connectionString)
            .UseApplicationServiceProvider(IdentityServices).Options;

    public static DbContextOptions<SqlServerEpsDbContext> SqlServer(string connectionString) =>
        new DbContextOptionsBuilder<SqlServerEpsDbContext>().UseSqlServer(connectionString)
            .UseApplicationServiceProvider(IdentityServices).Options;
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEpsDbContext>
{
    public SqliteEpsDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite("Data Source=design.db"));
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context with no server present.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerEpsDbContext>
{
    public SqlServerEpsDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.SqlServer("Server=.;Database=Eps;Trusted_Connection=True;TrustServerCertificate=True"));
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context with no server present.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEpsDbContext>
{
    public PostgresEpsDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Postgres("Host=localhost;Database=eps"));
}
