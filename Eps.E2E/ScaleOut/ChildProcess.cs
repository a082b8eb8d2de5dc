using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Eps.E2E.ScaleOut;

/// <summary>A real child process (an Eps instance, HAProxy) whose output goes to a log file, killed with its children on dispose.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public ChildProcess(string name, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        Name = name;
        LogPath = logPath;
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines of the log, for a failure message.</summary>
    public string Tail(int lines = 30)
    {
        lock (_log)
        {
            _log.Flush();
        }

        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n');
        return $"--- {Name} ({LogPath}) ---\n" + string.Join('\n', all.TakeLast(lines));
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    /// <summary>Waits until <paramref name="url"/> answers 200 on <paramref name="path"/>; fails with the log's tail if this process exits or time runs out.</summary>
    public async Task WaitHealthyAsync(string url, string path, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited while starting.\n{Tail(60)}");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Name} did not start within {timeout}.\n{Tail(60)}");
            }

            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
