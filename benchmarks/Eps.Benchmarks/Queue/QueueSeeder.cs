using System.Globalization;
using Eps.Benchmarks.Databases;
using Eps.Core.Drugs;

namespace Eps.Benchmarks.Queue;

/// <summary>A catalogue drug as the bulk rows use it.</summary>
internal sealed record SeedDrug(int Id, string Name, string Strength, string Form, DrugSchedule Schedule, RiskLevel Risk)
{
    public Priority Priority => DrugRules.PriorityOf(Schedule, Risk);
}

/// <summary>
/// Bulk-seeds the app's database, 50,000 rows per transaction, in the engine's fastest way (<see cref="SeedStore"/>:
/// prepared INSERTs on SQLite, binary COPY on PostgreSQL): synthetic patients, then one approved request with one item
/// and one prescription per row. Called again with a larger total it appends, so the same database is measured at each
/// checkpoint. Both engines get the same mix from the same seeded generator.
/// </summary>
internal sealed class QueueSeeder : IDisposable
{
    /// <summary>A surname given to one patient in 25: the search scenario's term.</summary>
    public const string SearchTerm = "Okonkwo";

    private const int BatchSize = 50_000;

    /// <summary>From this many rows on, an append drops the secondary indexes and builds them again afterwards.</summary>
    private const int BareLoadFrom = 500_000;

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

    private readonly SeedStore _store;
    private readonly PrescriptionRows _rows;

    private QueueSeeder(SeedStore store, PrescriptionRows rows)
    {
        _store = store;
        _rows = rows;
    }

    public int Seeded => _rows.Seeded;

    public int TargetPharmacyId => _rows.TargetPharmacyId;

    /// <summary>How the rows are written, for the report.</summary>
    public string Method => _store.Method;

    /// <summary>Opens the database the app has migrated and seeded, and adds <paramref name="patients"/> synthetic patients.</summary>
    public static QueueSeeder Open(BenchEngine engine, string connectionString, string targetPharmacyCode, int patients)
    {
        var store = SeedStore.Open(engine, connectionString);
        try
        {
            var pharmacies = store.Read("SELECT \"Id\", \"Code\" FROM \"Pharmacies\" ORDER BY \"Id\"", r => (Id: r.GetInt32(0), Code: r.GetString(1)));
            var target = pharmacies.Single(p => p.Code == targetPharmacyCode).Id;
            var doctor = store.Read("SELECT \"Id\" FROM \"Doctors\" ORDER BY \"Id\" LIMIT 1", r => r.GetInt32(0)).Single();
            var drugs = store.Read(
                "SELECT \"Id\", \"GenericName\", \"Strengths\", \"Form\", \"Schedule\", \"RiskLevel\" FROM \"Drugs\" ORDER BY \"Id\"",
                r => new SeedDrug(
                    r.GetInt32(0), r.GetString(1), r.GetString(2).Split(", ")[0], r.GetString(3),
                    (DrugSchedule)r.GetInt32(4), (RiskLevel)r.GetInt32(5)));
            var patientIds = AddPatients(store, patients, [.. pharmacies.Select(p => p.Id)]);
            var maxIds = store.Read(
                "SELECT (SELECT COALESCE(MAX(\"Id\"), 0) FROM \"PrescriptionRequests\"), (SELECT COALESCE(MAX(\"Id\"), 0) FROM \"PrescriptionRequestItems\"), (SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Prescriptions\")",
                r => (Request: r.GetInt32(0), Item: r.GetInt32(1), Prescription: r.GetInt32(2))).Single();
            var rows = new PrescriptionRows(store, target, [.. pharmacies.Select(p => p.Id)], doctor, drugs, patientIds, maxIds);
            return new QueueSeeder(store, rows);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends rows until the database holds <paramref name="total"/> seeded prescriptions, of which exactly
    /// <paramref name="pendingAtTarget"/> (over all calls) are pending and unexpired at the target pharmacy.
    /// </summary>
    public void SeedTo(int total, int pendingAtTarget)
    {
        // A large append goes into bare tables; the indexes are built once at the end (minutes instead of hours at 10M).
        using (total - _rows.Seeded >= BareLoadFrom ? _store.WithoutSecondaryIndexes(PrescriptionRows.Tables) : null)
        {
            while (_rows.Seeded < total)
            {
                _store.Begin();
                var end = Math.Min(total, _rows.Seeded + BatchSize);
                while (_rows.Seeded < end)
                {
                    _rows.AddNext(total, pendingAtTarget);
                }

                _store.Commit();
            }
        }

        _store.Finish();
    }

    public void Dispose() => _store.Dispose();

    private static int[] AddPatients(SeedStore store, int count, int[] pharmacyIds)
    {
        var firstId = store.Read("SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"Patients\"", r => r.GetInt32(0)).Single();
        var users = store.Table("AspNetUsers", identity: false, "Id", "FullName", "IsDemo", "UserName", "NormalizedUserName", "Email",
            "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled",
            "LockoutEnabled", "AccessFailedCount");
        var patients = store.Table("Patients", identity: true, "Id", "UserId", "Hpn", "Email", "DefaultPharmacyId");
        store.Begin();
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

        store.Commit();
        store.Finish();
        return ids;
    }
}
