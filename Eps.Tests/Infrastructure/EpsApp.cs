using System.Net;
using Eps.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// The whole app on a real Kestrel socket (127.0.0.1, random port) with its own database (<see cref="TestDatabase"/>)
/// and key ring in a temp folder, so client IPs, cookies and concurrency behave as in production. Rate limits are
/// raised so that tests never throttle each other; <see cref="EpsAppOptions"/> says how a host differs.
/// </summary>
public sealed class EpsApp : WebApplicationFactory<Program>
{
    private static readonly KeyValuePair<string, string?>[] TestDefaults =
    [
        new("RateLimits:SignInPermitsPerMinute", "10000"),
        new("RateLimits:VerifyPermitsPerMinute", "100000"),
    ];

    private readonly TempDirectory _data = new();
    private readonly TestDatabaseInstance _database = TestDatabase.Create();

    // One public constructor, as xunit requires of a fixture; the options are read when the host is first built.
    public EpsApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public EpsAppOptions Options { get; init; } = EpsAppOptions.Default;

    public string DataPath => _data.Path;

    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Options.Environment);
        builder.UseSetting("Storage:DataPath", _data.Path);
        if (Options.Environment != "Development")
        {
            builder.UseSetting("Tokens:KeyFile", Path.Combine(_data.Path, "keys.json"));
        }

        foreach (var (key, value) in TestDefaults.Concat(_database.Settings).Concat(Options.Settings))
        {
            builder.UseSetting(key, value);
        }

        if (Options.CheapPasswordHashing)
        {
            builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
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
        return await Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
    }

    /// <summary>
    /// Waits until no scheduled job is due or running (the digest and audit checkpoint jobs catch up at start), then
    /// checks that the database holds still, so that a snapshot taken next sees only what the test's requests write.
    /// </summary>
    public async Task SettleAsync()
    {
        Start();
        await ScheduledJobs.WaitUntilIdleAsync(Services, TimeSpan.FromSeconds(30));
        var idle = await DbFingerprint.TakeAsync(this);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var changed = DbFingerprint.Changed(idle, await DbFingerprint.TakeAsync(this));
        if (changed.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database kept changing with no scheduled job due or running; changed tables: {string.Join(", ", changed)}.");
        }
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
