namespace Eps.Benchmarks.Databases;

/// <summary>
/// The engine one benchmark command runs on. SQLite needs nothing: the app creates its file in its data folder.
/// PostgreSQL is a private cluster for the command's lifetime (<see cref="PostgresCluster"/>), with a fresh database for
/// each app the command starts.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly PostgresCluster? _cluster;

    private BenchDatabase(BenchEngine engine, PostgresCluster? cluster) => (Engine, _cluster) = (engine, cluster);

    public BenchEngine Engine { get; }

    /// <summary>The server's version line on PostgreSQL; the provider's name on SQLite.</summary>
    public string Version => _cluster?.Version ?? "SQLite (Microsoft.Data.Sqlite, WAL, synchronous=NORMAL)";

    /// <summary>CPU used so far by the database server's processes; null on SQLite, which runs inside the app's process.</summary>
    public TimeSpan? ServerCpu() => _cluster?.ServerCpu();

    public static async Task<BenchDatabase> StartAsync(BenchEngine engine, TextWriter progress) =>
        new(engine, engine == BenchEngine.Postgres ? await PostgresCluster.StartAsync(progress) : null);

    /// <summary>
    /// The configuration that points an app at a new, empty database named after <paramref name="purpose"/>; empty on
    /// SQLite, where each app's data folder holds its own file.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CreateAsync(string purpose)
    {
        if (_cluster is null)
        {
            return new Dictionary<string, string>();
        }

        var connectionString = await _cluster.CreateDatabaseAsync("eps_" + purpose);
        return new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
