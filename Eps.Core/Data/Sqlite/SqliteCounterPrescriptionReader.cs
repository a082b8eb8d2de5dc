using System.Collections.Concurrent;
using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Microsoft.Data.Sqlite;

namespace Eps.Core.Data.Sqlite;

/// <summary>
/// The verification lookup on SQLite through a few long-lived connections that each keep the statement prepared.
/// SQLite plans a statement when it is prepared, and planning this eight-table join costs more than running it, so
/// preparing it once per connection instead of once per scan is most of the lookup's cost. Results are identical to
/// <see cref="CounterPrescriptions"/>'s EF query (a test compares them).
/// </summary>
internal sealed class SqliteCounterPrescriptionReader(string connectionString) : ICounterPrescriptionReader, IDisposable
{
    private const int MaxIdle = 16;

    private const string Sql = """
        SELECT p.Id, p.RxNumber, p.Nonce, p.Status, p.IssuedAt, p.ExpiresAt, p.PharmacyId, ph.Code, ph.Name,
               pu.FullName, pt.Hpn, du.FullName, p.MedicationName, p.Strength, p.Dosage, p.Frequency, p.Quantity,
               p.Schedule, p.RiskLevel, p.DispensedAt, dp.Name, p.DispensingPharmacistName, p.RepeatNumber, p.RepeatsAuthorised
        FROM Prescriptions AS p
        JOIN Pharmacies AS ph ON ph.Id = p.PharmacyId
        JOIN Patients AS pt ON pt.Id = p.PatientId
        JOIN AspNetUsers AS pu ON pu.Id = pt.UserId
        JOIN Doctors AS doc ON doc.Id = p.PrescriberId
        JOIN AspNetUsers AS du ON du.Id = doc.UserId
        LEFT JOIN Pharmacies AS dp ON dp.Id = p.DispensedByPharmacyId
        WHERE p.RxNumber = $rx
        LIMIT 1
        """;

    private readonly ConcurrentBag<Session> _idle = [];

    public async Task<CounterPrescription?> FindAsync(EpsDbContext db, string rxNumber, CancellationToken cancellationToken)
    {
        var session = _idle.TryTake(out var idle) ? idle : Session.Open(connectionString);
        try
        {
            var row = await session.FindAsync(rxNumber, cancellationToken);
            if (_idle.Count < MaxIdle)
            {
                _idle.Add(session);
            }
            else
            {
                session.Dispose();
            }

            return row;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private sealed class Session(SqliteConnection connection, SqliteCommand command) : IDisposable
    {
        public static Session Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout=30000;";
                pragma.ExecuteNonQuery();
            }

            var command = connection.CreateCommand();
            command.CommandText = Sql;
            command.Parameters.Add("$rx", SqliteType.Text);
            command.Prepare();
            return new Session(connection, command);
        }

        public async Task<CounterPrescription?> FindAsync(string rxNumber, CancellationToken cancellationToken)
        {
            command.Parameters[0].Value = rxNumber;
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            if (!await r.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new CounterPrescription(
                r.GetInt32(0), r.GetString(1), r.GetGuid(2), (PrescriptionState)r.GetInt32(3), Utc(r.GetDateTime(4)), Utc(r.GetDateTime(5)),
                r.GetInt32(6), r.GetString(7), r.GetString(8),
                r.GetString(9), r.GetString(10), r.GetString(11),
                r.GetString(12), r.GetString(13), r.GetString(14), r.GetString(15), r.GetInt32(16),
                (DrugSchedule)r.GetInt32(17), (RiskLevel)r.GetInt32(18),
                r.IsDBNull(19) ? null : Utc(r.GetDateTime(19)), r.IsDBNull(20) ? null : r.GetString(20), r.IsDBNull(21) ? null : r.GetString(21),
                r.GetInt32(22), r.GetInt32(23));
        }

        public void Dispose()
        {
            command.Dispose();
            connection.Dispose();
        }

        private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }
}
