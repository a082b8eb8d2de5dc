using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Eps.Benchmarks.Databases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Eps.Benchmarks.Queue;

/// <summary>One SQL statement EF Core executed: its text, parameter values, and the time to its first row.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters, double Ms);

/// <summary>
/// Records the SQL that EF Core runs on the current async flow, through EF's DiagnosticSource events, so the
/// benchmark can break a call into statements and explain their plans without touching Eps.Core.
/// </summary>
internal sealed class QueryCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<List<CapturedCommand>?> Current = new();
    private readonly List<IDisposable> _subscriptions = [];

    public QueryCapture() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>Starts collecting the commands of this async flow (and the calls it awaits) into the returned list.</summary>
    public static List<CapturedCommand> Begin() => Current.Value = [];

    public static void End() => Current.Value = null;

    /// <summary>The engine's plan of a captured statement with its parameters bound.</summary>
    public static string Explain(BenchEngine engine, string connectionString, CapturedCommand captured) =>
        engine == BenchEngine.Postgres ? ExplainPostgres(connectionString, captured) : ExplainSqlite(connectionString, captured);

    /// <summary>
    /// PostgreSQL's <c>EXPLAIN (ANALYZE, BUFFERS)</c>: the statement runs once more, so the plan shows actual rows,
    /// times and pages read. Positional parameters (<c>$1</c>) are bound in order, named ones by name.
    /// </summary>
    private static string ExplainPostgres(string connectionString, CapturedCommand captured)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
#pragma warning disable CA2100 // The statement is one EF Core generated; the values stay parameters.
        using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + captured.Sql, connection);
#pragma warning restore CA2100
        foreach (var (name, value) in captured.Parameters)
        {
            command.Parameters.Add(string.IsNullOrEmpty(name)
                ? new NpgsqlParameter { Value = value ?? DBNull.Value }
                : new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        var plan = new StringBuilder();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            plan.Append("  ").AppendLine(reader.GetString(0));
        }

        return plan.ToString();
    }

    /// <summary>SQLite's <c>EXPLAIN QUERY PLAN</c> of a captured statement, with its parameters bound, as an indented tree.</summary>
    private static string ExplainSqlite(string connectionString, CapturedCommand captured)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The statement is one EF Core generated; the values stay parameters.
        command.CommandText = "EXPLAIN QUERY PLAN " + captured.Sql;
#pragma warning restore CA2100
        foreach (var (name, value) in captured.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var depth = new Dictionary<long, int> { [0] = 0 };
        var plan = new StringBuilder();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var level = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
            depth[reader.GetInt64(0)] = level;
            plan.Append(' ', 2 * level).AppendLine(reader.GetString(3));
        }

        return plan.ToString();
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData data && Current.Value is { } list)
        {
            var parameters = data.Command.Parameters.Cast<DbParameter>()
                .Select(p => new KeyValuePair<string, object?>(p.ParameterName, p.Value)).ToList();
            list.Add(new CapturedCommand(data.Command.CommandText, parameters, data.Duration.TotalMilliseconds));
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }
}
