using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Eps.Core.Data;

/// <summary>Registers the database for the configured provider.</summary>
public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddEpsData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is SqlServer.")
            .ValidateOnStart();
        services.AddSingleton<DataPaths>();

        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue<DatabaseProvider?>("Provider")
            ?? DatabaseProvider.Sqlite;
        // Pooled: a context is reset and reused instead of being built with its services on every unit of work, which is
        // most of the cost of a short request such as a token verification.
        if (provider == DatabaseProvider.SqlServer)
        {
            services.AddPooledDbContextFactory<SqlServerEpsDbContext>((sp, o) =>
                o.UseSqlServer(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString,
                    sql => sql.EnableRetryOnFailure()));
            services.AddSingleton<IDbContextFactory<EpsDbContext>, EpsDbContextFactory<SqlServerEpsDbContext>>();
        }
        else
        {
            var writeGate = new SqliteWriteGate();
            services.AddSingleton(writeGate);
            services.AddPooledDbContextFactory<SqliteEpsDbContext>((sp, o) =>
                o.UseSqlite(sp.GetRequiredService<DataPaths>().SqliteConnectionString)
                    .AddInterceptors(new SqlitePragmas(), writeGate));
            services.AddSingleton<IDbContextFactory<EpsDbContext>, EpsDbContextFactory<SqliteEpsDbContext>>();
        }

        // Identity's stores want a scoped context; it comes from the same factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContext());
        return services;
    }
}

/// <summary>Resolves the data folder and the files kept in it.</summary>
public sealed class DataPaths(IOptions<StorageOptions> storage, IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, storage.Value.DataPath));

    public string SqliteConnectionString => database.Value.ConnectionString is { Length: > 0 } configured
        ? configured
        : new SqliteConnectionStringBuilder { DataSource = Combine("eps.db"), Pooling = true }.ToString();

    /// <summary>A path inside the data folder; the folder is created on first use.</summary>
    public string Combine(params string[] parts)
    {
        Directory.CreateDirectory(Root);
        return Path.Combine([Root, .. parts]);
    }
}
