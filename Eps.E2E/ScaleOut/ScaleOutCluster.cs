using System.Diagnostics;
using System.Net;
using Eps.E2E.Infrastructure;
using Eps.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace Eps.E2E.ScaleOut;

/// <summary>
/// Two Eps processes (<c>deploy/eps-instance.sh</c>, the Release build of Eps.Web) on one PostgreSQL database and one
/// Redis, behind HAProxy with <c>deploy/haproxy.cfg</c>, as the deployment files describe, and a headless chromium.
/// PostgreSQL is the server of <c>EPS_TEST_POSTGRES</c> (a fresh database on it) or a private cluster started through
/// <c>deploy/postgres.sh</c>; Redis is private to the fixture, because a test stops and restarts it.
/// Instance A starts alone first (it migrates and seeds the database), then a pending prescription is approved on it,
/// then instance B starts: both catch up the day's digest at start-up (<c>Notifications:DigestHour</c> = 0).
/// </summary>
public sealed class ScaleOutCluster : IAsyncLifetime
{
    public const string CookieName = "EPS_SERVER";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "eps-scaleout", Guid.NewGuid().ToString("N"));
    private readonly List<ChildProcess> _processes = [];
    private string? _privatePostgres;
    private Action? _dropDatabase;
    private IPlaywright? _playwright;

    public static string RepositoryRoot { get; } = FindRoot();

    public RedisServer Redis { get; private set; } = null!;
    public Instance A { get; private set; } = null!;
    public Instance B { get; private set; } = null!;
    public string ProxyUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The prescription approved on A before B started: B's start-up digest counts it.</summary>
    public string FirstPrescription { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        var database = await CreateDatabaseAsync();
        Redis = RedisServer.Start();

        A = StartInstance("eps1", database);
        await A.WaitHealthyAsync(StartTimeout);
        FirstPrescription = await new ScaleOutApi(A.Url).IssueAsync("Digest check");
        B = StartInstance("eps2", database);
        await B.WaitHealthyAsync(StartTimeout);

        var proxyPort = ChildProcess.FreePort();
        ProxyUrl = $"http://127.0.0.1:{proxyPort}";
        var haproxy = File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy";
        var proxy = new ChildProcess("haproxy", haproxy, ["-db", "-f", Path.Combine(RepositoryRoot, "deploy", "haproxy.cfg")],
            new Dictionary<string, string>
            {
                ["EPS_PROXY_BIND"] = $"127.0.0.1:{proxyPort}",
                ["EPS_INSTANCE_1"] = $"127.0.0.1:{A.Port}",
                ["EPS_INSTANCE_2"] = $"127.0.0.1:{B.Port}",
            }, Path.Combine(_work, "haproxy.log"));
        _processes.Add(proxy);
        await WaitProxyServesBothAsync(proxy);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A browser page on the proxy whose sticky cookie sends it to <paramref name="instance"/>.</summary>
    public async Task<IPage> NewPageOnAsync(Instance instance)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = ProxyUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        await PinAsync(context, instance);
        return await context.NewPageAsync();
    }

    /// <summary>Sets the load balancer's sticky cookie, as HAProxy would after a first visit routed to <paramref name="instance"/>.</summary>
    public Task PinAsync(IBrowserContext context, Instance instance) =>
        context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = CookieName, Value = instance.Name, Url = ProxyUrl }]);

    /// <summary>What the instances and the proxy logged last, for failure messages.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => p.Tail()));

    private Instance StartInstance(string name, string database)
    {
        var port = ChildProcess.FreePort();
        var data = Path.Combine(_work, name);
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))) ?? "Release";
        var process = new ChildProcess(name, "bash", [Path.Combine(RepositoryRoot, "deploy", "eps-instance.sh"), port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string>
            {
                ["EPS_APP_DLL"] = Path.Combine(RepositoryRoot, "Eps.Web", "bin", configuration, "net10.0", "Eps.Web.dll"),
                ["Database__ConnectionString"] = database,
                ["Redis__Configuration"] = Redis.Configuration,
                ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
                ["Storage__DataPath"] = data,
                // As on machines of their own: nothing shared through the user profile (the framework's default
                // data-protection key folder is under HOME).
                ["HOME"] = data,
                // Demo accounts exist in Development only. The signing key ring is the database's (Tokens:Store Auto).
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Notifications__DigestHour"] = "0",
                ["RateLimits__SignInPermitsPerMinute"] = "10000",
                ["RateLimits__VerifyPermitsPerMinute"] = ScaleOutTests.VerifyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Eps"] = "Information",
            }, Path.Combine(_work, name + ".log"));
        _processes.Add(process);
        return new Instance(name, port, data, process);
    }

    private async Task<string> CreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable("EPS_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            _privatePostgres = Path.Combine(_work, "pg");
            server = Run("bash", Path.Combine(RepositoryRoot, "deploy", "postgres.sh"), "start", _privatePostgres).Trim();
        }

        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        var name = "eps_scaleout_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{name}\"");
        _dropDatabase = () => ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private async Task WaitProxyServesBothAsync(ChildProcess proxy)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(ProxyUrl) };
        var seen = new HashSet<string>();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (seen.Count < 2)
        {
            if (DateTime.UtcNow > deadline || proxy.HasExited)
            {
                throw new InvalidOperationException($"HAProxy did not serve both instances.\n{Logs()}");
            }

            try
            {
                using var response = await client.GetAsync("/.well-known/jwks.json");
                if (response.StatusCode == HttpStatusCode.OK && ServedBy(response) is { } server)
                {
                    seen.Add(server);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The instance HAProxy chose for a request that carried no sticky cookie (from the cookie it sets).</summary>
    public static string? ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0].Split('=', 2)).Where(p => p[0] == CookieName).Select(p => p[1]).FirstOrDefault()
            : null;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: {error}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Eps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Eps.sln) was not found above the test binaries.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }

        Redis?.Dispose();
        try
        {
            _dropDatabase?.Invoke();
        }
        catch (NpgsqlException)
        {
            // The server may be gone already; a private cluster is deleted below anyway.
        }

        if (_privatePostgres is not null)
        {
            Run("bash", Path.Combine(RepositoryRoot, "deploy", "postgres.sh"), "stop", _privatePostgres);
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>One Eps process: its name (HAProxy's server and cookie value), port, data folder.</summary>
public sealed class Instance(string name, int port, string dataPath, ChildProcess process)
{
    public string Name { get; } = name;
    public int Port { get; } = port;
    public string Url => $"http://127.0.0.1:{Port}";
    public string MailFolder => Path.Combine(dataPath, "mail");

    public Task WaitHealthyAsync(TimeSpan timeout) => process.WaitHealthyAsync(Url, "/.well-known/jwks.json", timeout);
}

[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutCluster>
{
    public const string Name = "scale-out";
}
