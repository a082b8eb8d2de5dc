using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Eps.Benchmarks.Circuits;

/// <summary>
/// The light clients running in a child process of this same executable (<see cref="LightClientsCommand"/>), and what
/// they report: per prescription ID, when each circuit first received a batch carrying it.
/// </summary>
internal sealed class ClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reader;
    private readonly TaskCompletionSource _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, long>> _received = new();
    private readonly ConcurrentQueue<int> _largestBatchBytes = new();
    private readonly ConcurrentQueue<string> _jsCalls = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TextWriter _progress;
    private bool _disposed;

    private ClientProcess(Process process, TextWriter progress)
    {
        (_process, _progress) = (process, progress);
        _reader = Task.Run(ReadAsync);
    }

    public IReadOnlyCollection<int> LargestBatchBytes => _largestBatchBytes;

    public IReadOnlyCollection<string> JSCalls => _jsCalls;

    public IReadOnlyCollection<string> Errors => _errors;

    public static ClientProcess Start(LightClientsOptions options, TextWriter progress)
    {
        var start = Reporting.SelfProcess.StartInfo(
        [
            LightClientsCommand.Name, "--url", options.BaseUri.AbsoluteUri, "--circuits", $"{options.Circuits}",
            "--warmup", $"{options.WarmUp}", "--expect", options.ExpectedId,
        ]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;

        return new ClientProcess(Process.Start(start) ?? throw new InvalidOperationException("client process did not start"), progress);
    }

    public Task WarmedUp => Guard(_warm.Task);

    public Task Ready => Guard(_ready.Task);

    public Task SendAsync(string line) => _process.StandardInput.WriteLineAsync(line);

    /// <summary>Circuit → receipt timestamp of the first batch carrying <paramref name="prescriptionId"/>.</summary>
    public IReadOnlyDictionary<int, long> ReceivedWith(string prescriptionId) =>
        _received.TryGetValue(prescriptionId, out var byCircuit) ? byCircuit : new Dictionary<int, long>();

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', 6);
            switch (parts[0])
            {
                case "W": _warm.TrySetResult(); break;
                case "R": _ready.TrySetResult(); break;
                case "O": _largestBatchBytes.Enqueue(int.Parse(parts[2], CultureInfo.InvariantCulture)); break;
                case "J": _jsCalls.Enqueue($"{parts[2]} ×{parts[1]}"); break;
                case "E":
                    _errors.Enqueue(line);
                    _progress.WriteLine($"  client: {line}");
                    break;
                case "B" when parts[5] != "-":
                    var circuit = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    var at = long.Parse(parts[2], CultureInfo.InvariantCulture);
                    foreach (var id in parts[5].Split(','))
                    {
                        _received.GetOrAdd(id, _ => new()).TryAdd(circuit, at);
                    }

                    break;
                default: break;
            }
        }

        var failure = new InvalidOperationException($"the client process ended (exit code {(_process.HasExited ? _process.ExitCode : -1)})");
        _warm.TrySetException(failure);
        _ready.TrySetException(failure);
    }

    private static Task Guard(Task task) => task.WaitAsync(TimeSpan.FromMinutes(5));

    /// <summary>Closing stdin tells the client to close its circuits and exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await _reader;
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
