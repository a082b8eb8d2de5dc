using Eps.Core.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eps.Core.Data.KeyStore;

/// <summary>Selects the database key ring (<see cref="DatabaseKeyRingStore"/>) when configured or when the engine is a server.</summary>
public static class KeyStoreServiceCollectionExtensions
{
    /// <summary>Registers the database store when it is selected; otherwise the Tokens feature registers the file store.</summary>
    public static IServiceCollection AddEpsKeyStore(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider)
    {
        var tokens = configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions();
        if (!UsesDatabase(tokens, provider))
        {
            return services;
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            // SQLite is one instance on one machine, which the key file serves; and a rotation's audit entry holds
            // SQLite's single writer while the key is written, so the two cannot share it.
            throw new InvalidOperationException(
                "Tokens:Store = Database needs PostgreSQL or SQL Server (Database:Provider); on SQLite the key ring is a file.");
        }

        services.AddSingleton<IKeyRingStore>(sp => new DatabaseKeyRingStore(
            sp.GetRequiredService<IDbContextFactory<EpsDbContext>>(),
            sp.GetRequiredService<IDataProtectionProvider>(),
            string.IsNullOrWhiteSpace(tokens.KeyFile)
                ? null
                : Path.GetFullPath(tokens.KeyFile, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        return services;
    }

    /// <summary>Database when asked for, or by default on a server engine unless keys or a key file are configured.</summary>
    public static bool UsesDatabase(TokenOptions tokens, DatabaseProvider provider) => tokens.Store switch
    {
        KeyStoreKind.Database => true,
        KeyStoreKind.File => false,
        _ => provider != DatabaseProvider.Sqlite && tokens.Keys.Count == 0 && string.IsNullOrWhiteSpace(tokens.KeyFile),
    };
}
