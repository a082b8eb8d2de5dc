using Microsoft.Extensions.Logging;
using Eps.Core;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// The core services without the web host: a real database (a SQLite file, or a database of its own on the run's
/// server engine, <see cref="TestDatabase"/>), real Identity stores and a real key ring in a temp
/// folder, migrated and seeded with the demo data. Only time is fake, so tests can step past expiry.
/// </summary>
public sealed class CoreHarness : IAsyncDisposable
{
    /// <summary>The instant every harness starts at (a Friday morning in Lagos).</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _data = new();
    private readonly TestDatabaseInstance _database = TestDatabase.Create();
    private readonly ServiceProvider _provider;
    private List<IHostedService> _hosted = [];

    private CoreHarness(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder()
            // The locale appsettings.json ships.
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = _data.Path, ["Locale:TimeZoneName"] = "WAT" })
            .AddInMemoryCollection(_database.Settings)
            .AddInMemoryCollection(settings)
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Commands));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_data.Path));
        // Registered before AddEpsCore, whose TryAddSingleton then keeps the fake.
        services.AddSingleton<TimeProvider>(Time);
        services.AddIdentityCore<EpsUser>(o => o.Stores.SchemaVersion = EpsDbContext.IdentitySchema)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EpsDbContext>()
            .AddDefaultTokenProviders();
        // Invitation and set-password links are Identity password reset tokens, protected as in the app.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // Seeding hashes seven demo passwords; full-strength PBKDF2 would triple the cost of every test, and no core
        // test signs in.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        services.AddEpsCore(configuration);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public IServiceProvider Services => _provider;

    /// <summary>Counts the SQL commands EF Core executes, to prove a query's cost does not grow with the data.</summary>
    public CommandCounter Commands { get; } = new();

    public FakeTimeProvider Time { get; } = new(StartTime);

    /// <summary>Builds the core, migrates the database and seeds the demo pharmacies, catalogue and users.</summary>
    public static Task<CoreHarness> StartAsync() => StartAsync(new Dictionary<string, string?>());

    /// <summary>As <see cref="StartAsync()"/>, with extra configuration (e.g. <c>Mail:Host</c>) over the defaults.</summary>
    public static async Task<CoreHarness> StartAsync(IDictionary<string, string?> settings)
    {
        var harness = new CoreHarness(settings);
        try
        {
            harness._hosted = [.. harness._provider.GetServices<IHostedService>()];
            foreach (var hosted in harness._hosted)
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>The signed-in view of a seeded user, as the web app would load it.</summary>
    public async Task<Actor> ActorAsync(string email)
    {
        await using var db = await DbAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await Get<ActorDirectory>().FindAsync(userId, CancellationToken.None)
            ?? throw new InvalidOperationException($"No actor for {email}.");
    }

    /// <summary>A fresh context on the harness's database; the caller disposes it.</summary>
    public Task<EpsDbContext> DbAsync() => Get<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
        _data.Dispose();
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Eps.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
