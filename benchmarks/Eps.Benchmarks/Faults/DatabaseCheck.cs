using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// Reads the SQLite file a worker left behind, with plain SQL and no app code, and counts what must never be there:
/// half-written approvals, prescriptions dispensed twice, changes whose emails are missing from the outbox.
/// </summary>
internal sealed class DatabaseCheck : IDisposable
{
    private const string Approved = "2";
    private const string Dispensed = "1";

    private readonly SqliteConnection _connection;

    public DatabaseCheck(string dataPath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "eps.db"), Pooling = false,
        }.ToString());
        _connection.Open();
    }

    public long ApprovedRequests => Scalar($"SELECT COUNT(*) FROM PrescriptionRequests WHERE Status = {Approved}");

    public long Prescriptions => Scalar("SELECT COUNT(*) FROM Prescriptions");

    public long DispensedPrescriptions => Scalar($"SELECT COUNT(*) FROM Prescriptions WHERE Status = {Dispensed}");

    /// <summary>Approved requests whose prescriptions, item decisions or audit entry are incomplete, plus the reverse.</summary>
    public long PartialApprovals => Scalar($"""
        SELECT COUNT(*) FROM PrescriptionRequests r WHERE
          (r.Status = {Approved} AND (
             (SELECT COUNT(*) FROM Prescriptions p WHERE p.RequestId = r.Id)
               <> (SELECT COUNT(*) FROM PrescriptionRequestItems i WHERE i.RequestId = r.Id AND i.Approved = 1)
             OR NOT EXISTS (SELECT 1 FROM PrescriptionRequestItems i WHERE i.RequestId = r.Id AND i.Approved = 1)
             OR EXISTS (SELECT 1 FROM PrescriptionRequestItems i WHERE i.RequestId = r.Id
                        AND (i.Approved IS NULL OR (i.Approved = 1 AND (i.ApprovedQuantity IS NULL OR i.ApprovedDosage IS NULL))))
             OR r.ReviewedAt IS NULL OR r.ReviewedByDoctorId IS NULL
             OR (SELECT COUNT(*) FROM AuditEntries a WHERE a.Kind = 'approval' AND a.Subject = r.Reference) <> 1))
          OR (r.Status <> {Approved} AND EXISTS (SELECT 1 FROM Prescriptions p WHERE p.RequestId = r.Id))
        """);

    /// <summary>Prescriptions without their request or item, or without a signed token and nonce.</summary>
    public long OrphanPrescriptions => Scalar("""
        SELECT COUNT(*) FROM Prescriptions p WHERE
          NOT EXISTS (SELECT 1 FROM PrescriptionRequestItems i WHERE i.Id = p.RequestItemId AND i.RequestId = p.RequestId AND i.Approved = 1)
          OR p.Token = '' OR p.Nonce IS NULL OR p.Nonce = ''
        """);

    /// <summary>Prescriptions with more than one register entry, successful dispense attempt or dispense audit entry.</summary>
    public long DoubleDispenses => Scalar($"""
        SELECT COUNT(*) FROM Prescriptions p WHERE
          (SELECT COUNT(*) FROM DispenseRecords d WHERE d.PrescriptionId = p.Id) > 1
          OR (SELECT COUNT(*) FROM VerificationAttempts v WHERE v.PrescriptionId = p.Id AND v.Kind = 1 AND v.Success = 1) > 1
          OR (SELECT COUNT(*) FROM AuditEntries a WHERE a.Kind = 'dispense' AND a.Subject = p.RxNumber) > 1
        """);

    /// <summary>Dispensed prescriptions missing their register entry, attempt or audit entry, or such rows for undispensed ones.</summary>
    public long HalfDispensed => Scalar($"""
        SELECT COUNT(*) FROM Prescriptions p WHERE
          (p.Status = {Dispensed}) <> EXISTS (SELECT 1 FROM DispenseRecords d WHERE d.PrescriptionId = p.Id)
          OR (p.Status = {Dispensed}) <> EXISTS (SELECT 1 FROM VerificationAttempts v WHERE v.PrescriptionId = p.Id AND v.Kind = 1 AND v.Success = 1)
          OR (p.Status = {Dispensed}) <> EXISTS (SELECT 1 FROM AuditEntries a WHERE a.Kind = 'dispense' AND a.Subject = p.RxNumber)
          OR (p.Status = {Dispensed} AND p.DispensedAt IS NULL)
        """);

    /// <summary>Committed approvals and dispenses that do not have exactly one patient email in the outbox.</summary>
    public long MissingOutboxRows => Scalar($"""
        SELECT
          (SELECT COUNT(*) FROM PrescriptionRequests r WHERE r.Status = {Approved} AND (SELECT COUNT(*) FROM Outbox o
             WHERE o.Kind = 'patient.approved' AND o.Subject = 'Approved: your prescriptions from request ' || r.Reference) <> 1)
          + (SELECT COUNT(*) FROM Prescriptions p WHERE p.Status = {Dispensed} AND (SELECT COUNT(*) FROM Outbox o
             WHERE o.Kind = 'patient.collected' AND o.Subject = 'Collected: ' || p.RxNumber) <> 1)
        """);

    public long OutboxRows => Scalar("SELECT COUNT(*) FROM Outbox");

    public long OutboxSent => Scalar("SELECT COUNT(*) FROM Outbox WHERE Status = 1");

    /// <summary>Rows that needed more than one attempt (the outage was real).</summary>
    public long OutboxRetried => Scalar("SELECT COUNT(*) FROM Outbox WHERE Attempts > 1");

    public IReadOnlyList<long> OutboxIds(string? kind = null) => Column<long>(
        kind is null ? "SELECT Id FROM Outbox ORDER BY Id" : $"SELECT Id FROM Outbox WHERE Kind = '{kind}' ORDER BY Id");

    /// <summary>Whether the request exists, is approved and issued exactly these prescriptions.</summary>
    public bool HasApproval(string reference, IReadOnlyCollection<string> prescriptionIds)
    {
        var stored = Column<string>($"""
            SELECT p.RxNumber FROM Prescriptions p JOIN PrescriptionRequests r ON r.Id = p.RequestId
            WHERE r.Reference = '{reference.Replace("'", "''", StringComparison.Ordinal)}' AND r.Status = {Approved}
            """);
        return stored.Count == prescriptionIds.Count && stored.All(prescriptionIds.Contains);
    }

    public bool IsDispensed(string prescriptionId) => Scalar(
        $"SELECT COUNT(*) FROM Prescriptions WHERE RxNumber = '{prescriptionId.Replace("'", "''", StringComparison.Ordinal)}' AND Status = {Dispensed}") == 1;

    /// <summary>Digest records per pharmacy email for the one local date they were queued on.</summary>
    public Dictionary<string, long> DigestRecordsByPharmacy() => Rows(
        "SELECT ph.Email, COUNT(*) FROM DigestRecords d JOIN Pharmacies ph ON ph.Id = d.PharmacyId GROUP BY ph.Email",
        r => (r.GetString(0), r.GetInt64(1))).ToDictionary(x => x.Item1, x => x.Item2);

    public Dictionary<string, long> DigestRowsByRecipient() => Rows(
        "SELECT \"To\", COUNT(*) FROM Outbox WHERE Kind = 'pharmacy.digest' GROUP BY \"To\"",
        r => (r.GetString(0), r.GetInt64(1))).ToDictionary(x => x.Item1, x => x.Item2);

    public IReadOnlyList<string> PharmacyEmails => Column<string>("SELECT Email FROM Pharmacies ORDER BY Id");

    public long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _connection.Dispose();

    private List<T> Column<T>(string sql) => Rows(sql, r => r.GetFieldValue<T>(0));

    private List<T> Rows<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
