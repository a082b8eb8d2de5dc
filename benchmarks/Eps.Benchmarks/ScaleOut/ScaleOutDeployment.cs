using System.Globalization;
using Eps.Benchmarks.Databases;
using Eps.Benchmarks.Reporting;
using Eps.E2E.ScaleOut;
using Eps.Tests.Infrastructure;
using Npgsql;

namespace Eps.Benchmarks.ScaleOut;

/// <summary>One Eps process of the deployment: HAProxy's server name, its port, its log.</summary>
internal sealed record EpsInstance(string Name, int Port, ChildProcess Process)
{
    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The deployment the multi-instance test starts (<c>Eps.E2E/ScaleOut/ScaleOutCluster.cs</c>), for measuring: a private
/// PostgreSQL cluster (<c>deploy/postgres.sh</c>), a private <c>redis-server</c>, two <c>deploy/eps-instance.sh</c>
/// processes running the Release build of Eps.Web (A starts alone first: it migrates and seeds), and two HAProxy
/// processes on <c>deploy/haproxy.cfg</c> as it is: one with both server lines on A (one instance behind the proxy),
/// one with A and B.
/// </summary>
internal sealed class ScaleOutDeployment : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "eps-bench-scaleout", Guid.NewGuid().ToString("N")[..12]);
    private readonly List<ChildProcess> _processes = [];
    private PostgresCluster? _postgres;
    private RedisServer? _redis;

    public string DatabaseVersion => _postgres?.Version ?? "";

    public string ConnectionString { get; private set; } = "";

    public EpsInstance A { get; private set; } = null!;

    public EpsInstance B { get; private set; } = null!;

    /// <summary>HAProxy with both server lines pointing at A.</summary>
    public string ProxyOne { get; private set; } = "";

    /// <summary>HAProxy with A and B.</summary>
    public string ProxyTwo { get; private set; } = "";

    public static async Task<ScaleOutDeployment> StartAsync(TextWriter progress)
    {
        var deployment = new ScaleOutDeployment();
        try
        {
            await deployment.InitializeAsync(progress);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(TextWriter progress)
    {
        var app = Path.Combine(Artifacts.RepositoryRoot, "Eps.Web", "bin", "Release", "net10.0", "Eps.Web.dll");
        if (!File.Exists(app))
        {
            throw new FileNotFoundException("Build the app first: dotnet build Eps.sln -c Release", app);
        }

        Directory.CreateDirectory(_work);
        _postgres = await PostgresCluster.StartAsync(progress);
        ConnectionString = await _postgres.CreateDatabaseAsync("eps_scaleout");
        _redis = RedisServer.Start();
        progress.WriteLine($"scaleout: redis-server at {_redis.Configuration}; starting instance A (migrates and seeds) ...");

        A = StartInstance("eps1", app);
        await WaitHealthyAsync(A);
        progress.WriteLine("scaleout: starting instance B ...");
        B = StartInstance("eps2", app);
        await WaitHealthyAsync(B);

        ProxyOne = await StartProxyAsync("haproxy-1", A, A);
        ProxyTwo = await StartProxyAsync("haproxy-2", A, B);
        progress.WriteLine($"scaleout: A {A.Url}, B {B.Url}; HAProxy → A only {ProxyOne}, HAProxy → A + B {ProxyTwo}");
    }

    private EpsInstance StartInstance(string name, string app)
    {
        var port = ChildProcess.FreePort();
        var data = Path.Combine(_work, name);
        Directory.CreateDirectory(data);
        var process = new ChildProcess(name, "bash", [Path.Combine(Artifacts.RepositoryRoot, "deploy", "eps-instance.sh"), port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>
            {
                ["EPS_APP_DLL"] = app,
                ["Database__ConnectionString"] = ConnectionString,
                ["Redis__Configuration"] = _redis!.Configuration,
                ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
                ["Storage__DataPath"] = data,
                ["HOME"] = data,
                // Demo accounts exist in Development only; the signing key ring is the database's (Tokens:Store Auto).
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["RateLimits__SignInPermitsPerMinute"] = "1000000",
                ["RateLimits__VerifyPermitsPerMinute"] = "1000000000",
                ["Logging__LogLevel__Default"] = "Warning",
            }, Path.Combine(_work, name + ".log"));
        _processes.Add(process);
        return new EpsInstance(name, port, process);
    }

    private async Task<string> StartProxyAsync(string name, EpsInstance first, EpsInstance second)
    {
        var port = ChildProcess.FreePort();
        var haproxy = File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy";
        var process = new ChildProcess(name, haproxy, ["-db", "-f", Path.Combine(Artifacts.RepositoryRoot, "deploy", "haproxy.cfg")],
            new Dictionary<string, string>
            {
                ["EPS_PROXY_BIND"] = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ["EPS_INSTANCE_1"] = $"127.0.0.1:{first.Port.ToString(CultureInfo.InvariantCulture)}",
                ["EPS_INSTANCE_2"] = $"127.0.0.1:{second.Port.ToString(CultureInfo.InvariantCulture)}",
            }, Path.Combine(_work, name + ".log"));
        _processes.Add(process);
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        await process.WaitHealthyAsync(url, "/.well-known/jwks.json", StartTimeout);
        return url;
    }

    private static Task WaitHealthyAsync(EpsInstance instance) =>
        instance.Process.WaitHealthyAsync(instance.Url, "/.well-known/jwks.json", StartTimeout);

    /// <summary>Takes a prescription off every queue without a push (as the circuits benchmark retires its approvals).</summary>
    public async Task RetireAsync(string rxNumber)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE \"Prescriptions\" SET \"Status\" = 2 WHERE \"RxNumber\" = @rx", connection);
        command.Parameters.AddWithValue("rx", rxNumber);
        await command.ExecuteNonQueryAsync();
    }

    public string Logs() => string.Join("\n", _processes.Select(p => p.Tail()));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }

        _redis?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
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
