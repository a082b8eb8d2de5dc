using Eps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Eps.Core.Tokens;

/// <summary>
/// Registers the key ring and the token codec. The key ring's store is the file or configured keys here; the database
/// store (a shared ring for several instances) is registered by the data layer before this, when it is selected.
/// </summary>
public static class TokensServiceCollectionExtensions
{
    public static IServiceCollection AddEpsTokens(this IServiceCollection services)
    {
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IKeyRingStore>(sp => CreateStore(
            sp.GetRequiredService<IOptions<TokenOptions>>().Value,
            sp.GetRequiredService<DataPaths>(),
            sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(sp => new KeyRing(
            sp.GetRequiredService<IKeyRingStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<TokenOptions>>().Value.Algorithm,
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TokenOptions>>().Value.RefreshSeconds)));
        services.AddSingleton<PrescriptionTokenCodec>();
        return services;
    }

    private static IKeyRingStore CreateStore(TokenOptions options, DataPaths paths, IHostEnvironment environment)
    {
        if (options.Keys.Count > 0)
        {
            return new ConfigurationKeyRingStore(options.Keys);
        }

        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            return new FileKeyRingStore(Path.GetFullPath(options.KeyFile, environment.ContentRootPath));
        }

        var path = paths.Combine("keys", "signing-keys.json");
        if (!environment.IsDevelopment() && !File.Exists(path))
        {
            throw new InvalidOperationException(
                "No signing keys: set Tokens:KeyFile to a key ring file or supply Tokens:Keys from a secret store. " +
                "Keys are generated automatically only in Development.");
        }

        return new FileKeyRingStore(path);
    }
}
