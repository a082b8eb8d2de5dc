using System.Net;
using Eps.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// The whole app on a real Kestrel socket (127.0.0.1, random port) with its own database (<see cref="TestDatabase"/>)
/// and key ring in a temp folder, so client IPs, cookies and concurrency behave as in production.
/// </summary>
public class EpsApp : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly TestDatabaseInstance _database = TestDatabase.Create();

    public string DataPath => _data.Path;

    /// <summary>Extra configuration for a test class (e.g. a low rate limit).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected virtual string Environment => "Development";

    public Uri BaseAddress { get; private set; } = null!;

    public EpsApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Storage:DataPath", _data.Path);
        builder.UseSetting("RateLimits:SignInPermitsPerMinute", "10000");
        foreach (var (key, value) in _database.Settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

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

    /// <summary>A client with its own cookie jar, talking to the real socket.</summary>
    public HttpClient NewClient()
    {
        Start();
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public async Task<EpsDbContext> NewDbAsync()
    {
        Start();
        return await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            _database.Dispose();
            _data.Dispose();
        }
    }
}
