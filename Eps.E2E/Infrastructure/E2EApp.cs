using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Eps.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.E2E.Infrastructure;

/// <summary>The app on Kestrel (127.0.0.1, random port) with its own data folder and database, for a real browser to drive.</summary>
public sealed class E2EApp : WebApplicationFactory<Program>
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "eps-e2e", Guid.NewGuid().ToString("N"));
    private readonly TestDatabaseInstance _database = TestDatabase.Create();

    public E2EApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public string BaseUrl
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return addresses.Addresses.First();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataPath", _data);
        // Every journey signs in from 127.0.0.1; the per-IP sign-in limit is for the outside world.
        builder.UseSetting("RateLimits:SignInPermitsPerMinute", "10000");
        foreach (var (key, value) in _database.Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        _database.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
