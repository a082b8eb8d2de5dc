namespace Eps.Benchmarks.Notifications;

/// <summary>A clock the simulation sets; everything in the core reads time from it.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset value) => _now = value;
}

/// <summary>
/// The core on the simulation's clock, in a throw-away folder, migrated and seeded with the demo data; mail goes to .eml
/// files (never used: the simulation counts instead).
/// </summary>
internal sealed class SimulatedCore : IAsyncDisposable
{
    private readonly string _data;
    private readonly CoreHost _host;

    private SimulatedCore(string data, SimulatedClock clock, CoreHost host) => (_data, Clock, _host) = (data, clock, host);

    public SimulatedClock Clock { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<SimulatedCore> StartAsync(DateTimeOffset start)
    {
        var data = Path.Combine(Path.GetTempPath(), "eps-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var clock = new SimulatedClock(start);
        return new SimulatedCore(data, clock, await CoreHost.StartAsync(data, clock));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
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
