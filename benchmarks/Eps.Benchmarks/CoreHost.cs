using Eps.Core;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Eps.Benchmarks;

/// <summary>
/// The core services on a data folder without the web host and its Quartz jobs (so no digest or delivery runs), as
/// Eps.Tests' CoreHarness builds them: migrated and seeded like the app, with Identity's authenticator provider so
/// controlled approvals can be signed.
/// </summary>
internal sealed class CoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;

    private CoreHost(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = [.. provider.GetServices<IHostedService>()];
    }

    public IServiceProvider Services => _provider;

    /// <summary>Builds the core on <paramref name="dataPath"/> (<paramref name="time"/> for every clock) and starts its hosted services.</summary>
    public static async Task<CoreHost> StartAsync(string dataPath, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = dataPath })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new Environment(dataPath));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddIdentityCore<EpsUser>(o => o.Stores.SchemaVersion = EpsDbContext.IdentitySchema)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EpsDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<EpsUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddEpsCore(configuration);

        var host = new CoreHost(services.BuildServiceProvider());
        foreach (var hosted in host._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Eps.Benchmarks";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
