using Eps.Core;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// The core services on a data folder, without the web host and its Quartz jobs (so no digest or delivery runs):
/// migrates and seeds like the app, then lets the faults command prepare data or run the audit verifier.
/// </summary>
internal sealed class CoreOnly : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private List<IHostedService> _hosted = [];

    private CoreOnly(string dataPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = dataPath })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new Environment(dataPath));
        services.AddIdentityCore<EpsUser>(o => o.Stores.SchemaVersion = EpsDbContext.IdentitySchema)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EpsDbContext>();
        services.AddEpsCore(configuration);
        _provider = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _provider;

    public static async Task<CoreOnly> OpenAsync(string dataPath)
    {
        var core = new CoreOnly(dataPath);
        core._hosted = [.. core._provider.GetServices<IHostedService>()];
        foreach (var hosted in core._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return core;
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
