using System.Globalization;
using Eps.Core.Drugs;
using Microsoft.Data.Sqlite;

namespace Eps.Benchmarks.Queue;

/// <summary>A catalogue drug as the bulk rows use it.</summary>
internal sealed record SeedDrug(int Id, string Name, string Strength, string Form, Priority Priority);

/// <summary>
/// Bulk-seeds the app's SQLite file with raw prepared INSERTs on one connection, 50,000 rows per transaction:
/// synthetic patients, then one approved request with one item and one prescription per row. Called again with a
/// larger total it appends, so the same database is measured at each checkpoint.
/// </summary>
internal sealed class QueueSeeder : IDisposable
{
    /// <summary>A surname given to one patient in 25: the search scenario's term.</summary>
    public const string SearchTerm = "Okonkwo";

    private const int BatchSize = 50_000;

    private static readonly string[] FirstNames =
    [
        "Adaeze", "Emeka", "Ngozi", "Tunde", "Aisha", "Chinedu", "Funmilayo", "Ibrahim", "Kemi", "Olumide",
        "Zainab", "Segun", "Halima", "Uche", "Bisi", "Musa", "Ifeoma", "Yusuf", "Amaka", "Dayo",
    ];

    private static readonly string[] Surnames =
    [
        SearchTerm, "Adebayo", "Okafor", "Balogun", "Eze", "Abubakar", "Nwosu", "Adeyemi", "Bello", "Obi",
        "Ogunleye", "Danjuma", "Ibekwe", "Lawal", "Nnamdi", "Oyelaran", "Uzor", "Yakubu", "Chukwu", "Akande",
        "Olawale", "Mohammed", "Onyeka", "Salami", "Ekwueme",
    ];

    private readonly SqliteConnection _connection;
    private readonly PrescriptionRows _rows;

    private QueueSeeder(SqliteConnection connection, PrescriptionRows rows)
    {
        _connection = connection;
        _rows = rows;
    }

    public int Seeded => _rows.Seeded;

    public int TargetPharmacyId => _rows.TargetPharmacyId;

    /// <summary>Opens the database the app has migrated and seeded, and adds <paramref name="patients"/> synthetic patients.</summary>
    public static QueueSeeder Open(string connectionString, string targetPharmacyCode, int patients)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout=30000;");
        var pharmacies = Read(connection, "SELECT Id, Code FROM Pharmacies ORDER BY Id", r => (Id: r.GetInt32(0), Code: r.GetString(1)));
        var target = pharmacies.Single(p => p.Code == targetPharmacyCode).Id;
        var doctor = Read(connection, "SELECT Id FROM Doctors ORDER BY Id LIMIT 1", r => r.GetInt32(0)).Single();
        var drugs = Read(connection, "SELECT Id, GenericName, Strengths, Form, Schedule, RiskLevel FROM Drugs ORDER BY Id", r => new SeedDrug(
            r.GetInt32(0), r.GetString(1), r.GetString(2).Split(", ")[0], r.GetString(3),
            r.GetInt32(4) is (int)DrugSchedule.Schedule2 or (int)DrugSchedule.Schedule3 ? Priority.Controlled
            : r.GetInt32(5) is (int)RiskLevel.High or (int)RiskLevel.ModerateHigh ? Priority.HighRisk
            : Priority.Routine));
        var patientIds = AddPatients(connection, patients, [.. pharmacies.Select(p => p.Id)]);
        var maxIds = Read(connection,
            "SELECT (SELECT IFNULL(MAX(Id), 0) FROM PrescriptionRequests), (SELECT IFNULL(MAX(Id), 0) FROM PrescriptionRequestItems), (SELECT IFNULL(MAX(Id), 0) FROM Prescriptions)",
            r => (Request: r.GetInt32(0), Item: r.GetInt32(1), Prescription: r.GetInt32(2))).Single();
        var rows = new PrescriptionRows(connection, target, [.. pharmacies.Select(p => p.Id)], doctor, drugs, patientIds, maxIds);
        return new QueueSeeder(connection, rows);
    }

    /// <summary>
    /// Appends rows until the database holds <paramref name="total"/> seeded prescriptions, of which exactly
    /// <paramref name="pendingAtTarget"/> (over all calls) are pending and unexpired at the target pharmacy.
    /// </summary>
    public void SeedTo(int total, int pendingAtTarget)
    {
        while (_rows.Seeded < total)
        {
            using var transaction = _connection.BeginTransaction();
            _rows.Transaction = transaction;
            var end = Math.Min(total, _rows.Seeded + BatchSize);
            while (_rows.Seeded < end)
            {
                _rows.AddNext(total, pendingAtTarget);
            }

            transaction.Commit();
        }

        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public void Dispose()
    {
        _rows.Dispose();
        _connection.Dispose();
    }

    private static int[] AddPatients(SqliteConnection connection, int count, int[] pharmacyIds)
    {
        using var transaction = connection.BeginTransaction();
        using var users = new SqlInsert(connection, "AspNetUsers", "Id", "FullName", "IsDemo", "UserName", "NormalizedUserName", "Email",
            "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled",
            "LockoutEnabled", "AccessFailedCount") { Transaction = transaction };
        using var patients = new SqlInsert(connection, "Patients", "Id", "UserId", "Hpn", "Email", "DefaultPharmacyId") { Transaction = transaction };
        var firstId = Read(connection, "SELECT IFNULL(MAX(Id), 0) + 1 FROM Patients", r => r.GetInt32(0)).Single();
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            var userId = Guid.NewGuid().ToString();
            var email = string.Create(CultureInfo.InvariantCulture, $"bench.patient{i}@eps.test");
            var name = $"{FirstNames[i / Surnames.Length % FirstNames.Length]} {Surnames[i % Surnames.Length]}";
            users.Run(userId, name, false, email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), true,
                Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString(), false, false, true, 0);
            ids[i] = firstId + i;
            patients.Run(ids[i], userId, (5_000_000_000L + i).ToString(CultureInfo.InvariantCulture), email, pharmacyIds[i % pharmacyIds.Length]);
        }

        transaction.Commit();
        return ids;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant statements of this benchmark.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    private static List<T> Read<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant statements of this benchmark.
        command.CommandText = sql;
#pragma warning restore CA2100
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }
}
