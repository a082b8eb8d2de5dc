using Eps.Core.Audit;
using Eps.Core.Dispensing;
using Microsoft.Data.Sqlite;

namespace Eps.Core.Data.Sqlite;

/// <summary>
/// The verification journal's writer on SQLite: one connection of its own with its statements prepared once, so a
/// batch costs a bind and a step per row instead of building and planning statements every time. It queues behind the
/// same <see cref="SqliteWriteGate"/> as every EF write transaction of the process. The statements are checked
/// against the EF model by the tests that read these rows back (verification log, audit verifier).
/// </summary>
internal sealed class SqliteJournalWriter(string connectionString, SqliteWriteGate gate, AuditTrail audit) : IJournalWriter, IDisposable
{
    private Statements? _statements;

    public async Task CommitAsync(IReadOnlyList<(VerificationAttempt Attempt, AuditRecord Audit)> batch)
    {
        using var lease = await gate.EnterAsync(CancellationToken.None);
        var s = _statements ??= Statements.Prepare(connectionString);
        try
        {
            using var transaction = s.Connection.BeginTransaction(deferred: false);
            s.Enlist(transaction);
            s.Bump.Parameters[0].Value = batch.Count;
            long last;
            string previous;
            using (var head = s.Bump.ExecuteReader())
            {
                head.Read();
                (last, previous) = (head.GetInt64(0), head.GetString(1));
            }

            var entries = audit.Link([.. batch.Select(b => b.Audit)], last - batch.Count + 1, previous);
            foreach (var (a, _) in batch)
            {
                s.Attempt.Run(a.OccurredAt, (int)a.Kind, a.PrescriptionId, a.ClaimedRxNumber, a.ClaimedPharmacyCode, a.ClaimedPharmacyName,
                    a.AuthenticatedPharmacyId, a.AuthenticatedUserId, a.Success, a.Reason, a.StepFailed, a.ClientIp);
            }

            foreach (var e in entries)
            {
                s.Entry.Run(e.Sequence, e.At, e.Kind, e.ActorUserId, e.Subject, e.Details, e.PreviousHash, e.Hash);
            }

            s.Move.Parameters[0].Value = entries[^1].Hash;
            s.Move.ExecuteNonQuery();
            transaction.Commit();
        }
        catch
        {
            // Start the next batch on a fresh connection.
            _statements = null;
            s.Dispose();
            throw;
        }
    }

    public void Dispose() => _statements?.Dispose();

    private sealed class Statements(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection => connection;
        public SqliteCommand Bump { get; } = Command(connection, "UPDATE AuditHead SET Sequence = Sequence + $count WHERE Id = 1 RETURNING Sequence, Hash", "$count");
        public SqliteCommand Move { get; } = Command(connection, "UPDATE AuditHead SET Hash = $hash WHERE Id = 1", "$hash");
        public Insert Attempt { get; } = new(connection, "VerificationAttempts", "OccurredAt", "Kind", "PrescriptionId", "ClaimedRxNumber",
            "ClaimedPharmacyCode", "ClaimedPharmacyName", "AuthenticatedPharmacyId", "AuthenticatedUserId", "Success", "Reason", "StepFailed", "ClientIp");
        public Insert Entry { get; } = new(connection, "AuditEntries", "Sequence", "At", "Kind", "ActorUserId", "Subject", "Details", "PreviousHash", "Hash");

        public static Statements Prepare(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
                pragma.ExecuteNonQuery();
            }

            return new Statements(connection);
        }

        public void Enlist(SqliteTransaction transaction)
        {
            Bump.Transaction = Move.Transaction = Attempt.Command.Transaction = Entry.Command.Transaction = transaction;
        }

        public void Dispose()
        {
            Bump.Dispose();
            Move.Dispose();
            Attempt.Command.Dispose();
            Entry.Command.Dispose();
            connection.Dispose();
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }

    /// <summary>A prepared single-row INSERT; <see cref="Run"/> binds the values in column order.</summary>
    private sealed class Insert(SqliteConnection connection, string table, params string[] columns)
    {
        public SqliteCommand Command { get; } = Build(connection, table, columns);

        public void Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                Command.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTime at => at.ToUniversalTime(),
                    var value => value,
                };
            }

            Command.ExecuteNonQuery();
        }

        private static SqliteCommand Build(SqliteConnection connection, string table, string[] columns)
        {
            var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table and column names are constants of this class.
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
#pragma warning restore CA2100
            for (var i = 0; i < columns.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i });
            }

            command.Prepare();
            return command;
        }
    }
}
