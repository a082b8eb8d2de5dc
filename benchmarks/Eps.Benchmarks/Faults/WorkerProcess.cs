using System.Collections.Concurrent;
using System.Diagnostics;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// A <see cref="FaultWorker"/> child: this executable started again with the <c>fault-worker</c> sub-command. Its stdout
/// lines are collected as they arrive; <see cref="Kill"/> is SIGKILL on Linux, so nothing in the child runs afterwards.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    public IReadOnlyCollection<string> Lines => _lines;

    public int Id => _process.Id;

    public static WorkerProcess Start(WorkerMode mode, string dataPath, IReadOnlyDictionary<string, string> settings, params string[] extra)
    {
        var info = Reporting.SelfProcess.StartInfo([FaultWorker.Command, mode.ToString().ToLowerInvariant(), "--data", dataPath, .. extra]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.WorkingDirectory = Directory.GetCurrentDirectory();

        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add($"{key}={value}");
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                worker._stdoutClosed.TrySetResult();
            }
            else
            {
                worker._lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                worker._errors.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for a stdout line starting with <paramref name="prefix"/>; fails if the process ends first.</summary>
    public async Task<string> WaitForAsync(string prefix, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (_process.HasExited && _stdoutClosed.Task.IsCompleted)
            {
                throw new InvalidOperationException($"Worker {Id} exited ({_process.ExitCode}) before '{prefix}'.{Diagnostics()}");
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Worker {Id} did not report '{prefix}' within {timeout}.{Diagnostics()}");
    }

    /// <summary>Waits until the worker has acknowledged <paramref name="changes"/> approvals or dispenses, or the timeout.</summary>
    public async Task WaitForProgressAsync(int changes, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !_process.HasExited
            && _lines.Count(l => l.StartsWith("approved ", StringComparison.Ordinal) || l.StartsWith("dispensed ", StringComparison.Ordinal)) < changes)
        {
            await Task.Delay(10);
        }
    }

    public Task SendAsync(string line) => _process.StandardInput.WriteLineAsync(line);

    /// <summary>SIGKILL, then waits until the process is gone and every line it wrote before has been read.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        await _stdoutClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _stdoutClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    /// <summary>The last lines of stderr, for a failure message.</summary>
    public string Diagnostics() => _errors.IsEmpty ? "" : Environment.NewLine + string.Join(Environment.NewLine, _errors.TakeLast(15));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.Dispose();
    }
}
