using System.Net;
using Eps.Benchmarks.Databases;
using Eps.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eps.Benchmarks.Queue;

/// <summary>
/// The whole app in this process on Kestrel (127.0.0.1, random port), Development (migrations + demo seed), with its
/// own throw-away data folder and, when given, a server database. Only warnings are logged so they do not drown the figures.
/// </summary>
internal sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _ownsData;

    /// <param name="environment">Development migrates and seeds the demo data; Production reuses a data folder seeded before.</param>
    /// <param name="dataPath">An existing data folder to reuse (left in place on dispose); a new temporary one when null.</param>
    /// <param name="settings">Configuration overrides, e.g. a higher rate limit.</param>
    /// <param name="database">The database settings from <see cref="Databases.BenchDatabase.CreateAsync"/>; SQLite in the data folder when null.</param>
    public BenchApp(string environment = "Development", string? dataPath = null, IReadOnlyDictionary<string, string>? settings = null,
        IReadOnlyDictionary<string, string>? database = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        foreach (var (key, value) in database ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        (_environment, _settings, _ownsData) = (environment, all, dataPath is null);
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "eps-bench", Guid.NewGuid().ToString("N"));
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string DataPath { get; }

    public string BaseUrl =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public BenchEngine Engine => Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
        ? BenchEngine.Postgres
        : BenchEngine.Sqlite;

    /// <summary>The connection string the app uses: the configured server database, else its SQLite file.</summary>
    public string ConnectionString => Eps.Core.Data.Sqlite.SqliteEngine.ConnectionString(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Storage:DataPath", DataPath);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSimpleConsole(o => o.SingleLine = true);
            // A provider-specific rule outranks the category rules of appsettings.
            logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (!_ownsData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
