using System.Globalization;
using Npgsql;

namespace Eps.Benchmarks.Spike;

/// <summary>
/// What the app's sessions were doing, as a share of all samples of busy sessions; <see cref="Blocking"/> when the
/// session held a lock another session was waiting for.
/// </summary>
internal sealed record SessionShare(string State, string Wait, string Statement, bool Blocking, double MeanSessions, double Share);

/// <summary>
/// PostgreSQL's view of one spike phase: how many sessions were busy on average, how many of them waited on a lock, how
/// many held one that others waited for, and on what the sessions spent their time.
/// </summary>
internal sealed record SessionFigure(string Phase, int Samples, double MeanBusy, double MeanWaitingOnLocks, double MeanBlocking,
    IReadOnlyList<SessionShare> Top, IReadOnlyList<SessionShare> Blockers);

/// <summary>
/// Samples <c>pg_stat_activity</c> every 20 ms during a phase, on a connection of its own: each of the app's
/// sessions that is not idle is counted under its state (<c>active</c> = the server is running its statement,
/// <c>idle in transaction</c> = a transaction is open and the server waits for the app's next statement), its wait event
/// (<c>Lock:transactionid</c> = waiting for another transaction's row lock) and its current or last statement, and whether
/// it holds a lock another session waits for (<c>pg_blocking_pids</c>). This shows on what concurrent approvals queue, and
/// what the session at the head of the queue is doing meanwhile, without touching the app.
/// </summary>
internal sealed class LockSampler : IAsyncDisposable
{
    private const int TopShares = 8;

    private const string Sql = """
        WITH blockers AS (
            SELECT DISTINCT unnest(pg_blocking_pids(pid)) AS pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock')
        SELECT a.state,
               COALESCE(a.wait_event_type || ':' || a.wait_event, '-'),
               left(regexp_replace(a.query, '\s+', ' ', 'g'), 90),
               a.pid IN (SELECT pid FROM blockers)
        FROM pg_stat_activity AS a
        WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
          AND a.state IS NOT NULL AND a.state <> 'idle'
        """;

    private readonly string _phase;
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<(string State, string Wait, string Statement, bool Blocking), int> _counts = [];
    private readonly Task _loop;
    private int _samples;

    private LockSampler(string phase, NpgsqlConnection connection)
    {
        (_phase, _connection) = (phase, connection);
        _loop = Task.Run(LoopAsync);
    }

    public static async Task<LockSampler> StartAsync(string phase, string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return new LockSampler(phase, connection);
    }

    /// <summary>Stops sampling and folds the samples into shares.</summary>
    public async Task<SessionFigure> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var busy = _counts.Values.Sum();
        double Mean(int count) => _samples == 0 ? 0 : (double)count / _samples;
        var blocking = _counts.Where(c => c.Key.Blocking).Sum(c => c.Value);
        List<SessionShare> Shares(IEnumerable<KeyValuePair<(string State, string Wait, string Statement, bool Blocking), int>> counts, int of) =>
            [.. counts.OrderByDescending(c => c.Value).Take(TopShares)
                .Select(c => new SessionShare(c.Key.State, c.Key.Wait, c.Key.Statement, c.Key.Blocking, Mean(c.Value), of == 0 ? 0 : (double)c.Value / of))];
        var waitingOnLocks = _counts.Where(c => c.Key.Wait.StartsWith("Lock:", StringComparison.Ordinal)).Sum(c => c.Value);
        return new SessionFigure(_phase, _samples, Mean(busy), Mean(waitingOnLocks), Mean(blocking), Shares(_counts, busy),
            Shares(_counts.Where(c => c.Key.Blocking), blocking));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        await using var command = new NpgsqlCommand(Sql, _connection);
        await command.PrepareAsync();
        while (!_stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var key = (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2), reader.GetBoolean(3));
                    _counts[key] = _counts.GetValueOrDefault(key) + 1;
                }
            }

            _samples++;
            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public static string Format(double value) => value.ToString(value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
