using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// The Redis the scale-out tests use: <c>EPS_TEST_REDIS</c> (<c>host:port</c>; <c>test.sh</c> starts a private
/// server and sets it), or else a private <c>redis-server</c> this test process starts on a free port and stops when it
/// exits. Tests keep apart on a shared server by a <c>Redis:Prefix</c> of their own (<see cref="Settings"/>).
/// </summary>
public static class TestRedis
{
    private static readonly Lazy<string> Shared = new(() =>
        Environment.GetEnvironmentVariable("EPS_TEST_REDIS") is { Length: > 0 } configured ? configured : StartPrivate());

    public static string Configuration => Shared.Value;

    /// <summary>The app settings of a host on the shared Redis; hosts given the same prefix share events and limits.</summary>
    public static Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["Redis:Configuration"] = Configuration,
        ["Redis:Prefix"] = prefix,
    };

    public static string NewPrefix() => "eps-t-" + Guid.NewGuid().ToString("N")[..12];

    private static string StartPrivate()
    {
        var server = RedisServer.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.Configuration;
    }
}

/// <summary>A real <c>redis-server</c> child process on a free loopback port (no persistence), stoppable and restartable on the same port.</summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        var server = new RedisServer(FreePort());
        server.Restart();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it accepts connections.</summary>
    public void Restart()
    {
        Stop();
        // Through a shell that ends the server when this test process is gone, however it ends.
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var parent = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var argument in new[]
        {
            "-c", "command -v redis-server >/dev/null || exit 127; redis-server --port \"$1\" --bind 127.0.0.1 --save '' --appendonly no --daemonize no & " +
                "server=$!; while kill -0 \"$2\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done; kill $server 2>/dev/null; wait",
            "redis", port, parent,
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Accepts(Port))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(_process.HasExited && _process.ExitCode == 127
                    ? "redis-server is not installed (apt-get install redis-server), and EPS_TEST_REDIS is not set."
                    : $"redis-server did not start on port {Port}.");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Kills the server: every client's connection drops at once, as in a crash.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
