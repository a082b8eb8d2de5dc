using System.Globalization;
using Npgsql;

namespace Eps.Benchmarks.Spike;

/// <summary>What the app's sessions were doing, as a share of all samples of busy sessions.</summary>
internal sealed record SessionShare(string State, string Wait, string Statement, double MeanSessions, double Share);

/// <summary>PostgreSQL's view of one spike phase: how many sessions were busy on average, and on what.</summary>
internal sealed record SessionFigure(string Phase, int Samples, double MeanBusy, double MeanWaitingOnLocks, IReadOnlyList<SessionShare> Top);

/// <summary>
/// Samples <c>pg_stat_activity</c> every 20 ms during a phase, on a connection of its own: each of the app's
/// sessions that is not idle is counted under its state (<c>active</c> = the server is running its statement,
/// <c>idle in transaction</c> = a transaction is open and the server waits for the app's next statement), its wait event
/// (<c>Lock:transactionid</c> = waiting for another transaction's row lock) and its current or last statement. This shows
/// on what concurrent approvals queue, without touching the app.
/// </summary>
internal sealed class LockSampler : IAsyncDisposable
{
    private const int TopShares = 8;

    private const string Sql = """
        SELECT state,
               COALESCE(wait_event_type || ':' || wait_event, '-'),
               left(regexp_replace(query, '\s+', ' ', 'g'), 90)
        FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          AND state IS NOT NULL AND state <> 'idle'
        """;

    private readonly string _phase;
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<(string State, string Wait, string Statement), int> _counts = [];
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
        var top = _counts.OrderByDescending(c => c.Value).Take(TopShares)
            .Select(c => new SessionShare(c.Key.State, c.Key.Wait, c.Key.Statement, Mean(c.Value), busy == 0 ? 0 : (double)c.Value / busy))
            .ToList();
        var waitingOnLocks = _counts.Where(c => c.Key.Wait.StartsWith("Lock:", StringComparison.Ordinal)).Sum(c => c.Value);
        return new SessionFigure(_phase, _samples, Mean(busy), Mean(waitingOnLocks), top);
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
                    var key = (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
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
