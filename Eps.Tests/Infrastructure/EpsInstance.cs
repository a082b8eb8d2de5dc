using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// One database shared by several app instances: a fresh database on the run's server engine, or on SQLite one file
/// that every instance names by connection string (each instance keeps a data folder of its own).
/// </summary>
public sealed class SharedDatabase : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly TestDatabaseInstance _database = TestDatabase.Create();

    public IReadOnlyList<KeyValuePair<string, string?>> Settings => TestDatabase.IsServer
        ? _database.Settings
        : [new("Database:ConnectionString", new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder.Path, "eps.db") }.ToString())];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
        _folder.Dispose();
    }
}

/// <summary>
/// One instance of a scaled-out deployment, as a machine of its own would run it: its own Kestrel socket, services,
/// connection pool and scheduler, its own data folder and its own content root (install folder), sharing only the
/// database with the other nodes.
/// </summary>
public sealed class EpsInstance : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _contentRoot = new();
    private readonly SharedDatabase _database;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public EpsInstance(SharedDatabase database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        (_database, _settings, _services) = (database, settings ?? new Dictionary<string, string?>(), services);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string DataPath => _data.Path;

    /// <summary>Starts Kestrel once and returns the base address.</summary>
    public Uri Start()
    {
        if (BaseAddress is null)
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            BaseAddress = new Uri(addresses.Addresses.First());
        }

        return BaseAddress;
    }

    /// <summary>A client with its own cookie jar (or the given one), talking to this node's socket.</summary>
    public HttpClient NewClient(CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false };
        return new HttpClient(handler) { BaseAddress = Start() };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(_contentRoot.Path);
        builder.UseSetting("Storage:DataPath", _data.Path);
        builder.UseSetting("RateLimits:SignInPermitsPerMinute", "10000");
        foreach (var (key, value) in _database.Settings.Concat(_settings))
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
            _contentRoot.Dispose();
        }
    }
}
