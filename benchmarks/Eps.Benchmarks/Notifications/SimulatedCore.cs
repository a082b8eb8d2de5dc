using Eps.Core;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Eps.Benchmarks.Notifications;

/// <summary>A clock the simulation sets; everything in the core reads time from it.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset value) => _now = value;
}

/// <summary>
/// The core services without the web host, as Eps.Tests' CoreHarness builds them: a SQLite file in a throw-away
/// folder, migrated and seeded with the demo data, mail to .eml files (never used: the simulation counts instead).
/// </summary>
internal sealed class SimulatedCore : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "eps-bench", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _provider;
    private List<IHostedService> _hosted = [];

    private SimulatedCore(DateTimeOffset start)
    {
        Directory.CreateDirectory(_data);
        Clock = new SimulatedClock(start);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = _data })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new Environment(_data));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddIdentityCore<EpsUser>(o => o.Stores.SchemaVersion = EpsDbContext.IdentitySchema)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EpsDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<EpsUser>>(TokenOptions.DefaultAuthenticatorProvider); // controlled approvals are signed
        services.AddEpsCore(configuration);
        _provider = services.BuildServiceProvider();
    }

    public SimulatedClock Clock { get; }

    public IServiceProvider Services => _provider;

    public static async Task<SimulatedCore> StartAsync(DateTimeOffset start)
    {
        var core = new SimulatedCore(start);
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
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Eps.Benchmarks";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
