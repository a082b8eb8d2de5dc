using Eps.Core.Data.KeyStore;
using Eps.Core.Data.Postgres;
using Eps.Core.Data.Sqlite;
using Eps.Core.Data.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Eps.Core.Data;

/// <summary>
/// Registers the database for the configured provider. What differs per engine lives in one folder each and nowhere
/// else: <c>Data/Sqlite</c> (embedded default: single writer, prepared fast paths), <c>Data/Postgres</c> and
/// <c>Data/SqlServer</c> (server engines: retrying execution strategy); migrations in <c>Data/Migrations/&lt;provider&gt;</c>.
/// </summary>
public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddEpsData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.Provider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres or SqlServer.")
            .ValidateOnStart();

        // Contexts are pooled: a context is reset and reused instead of being built with its services on every unit of
        // work, which is most of the cost of a short request such as a token verification.
        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue<DatabaseProvider?>("Provider") ?? DatabaseProvider.Sqlite;
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                PostgresEngine.Add(services);
                break;
            case DatabaseProvider.SqlServer:
                SqlServerEngine.Add(services);
                break;
            default:
                SqliteEngine.Add(services);
                break;
        }

        // The signing key ring in the database, shared by every instance, when selected (before Tokens adds the file store).
        services.AddEpsKeyStore(configuration, provider);

        // Identity's stores want a scoped context; it comes from the same factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContext());

        // Migrations (and the demo data in Development) are applied before the app takes requests.
        services.AddScoped<Seed.DatabaseSeeder>();
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
