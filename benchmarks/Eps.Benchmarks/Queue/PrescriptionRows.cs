using System.Globalization;
using Eps.Core.Drugs;

namespace Eps.Benchmarks.Queue;

/// <summary>
/// Generates one approved request + item + prescription per call. Outside the target pharmacy's pending rows the mix
/// is what two years of history look like: 80% dispensed, 12% never collected (pending past expiry, which the queue
/// shows as Expired), 3% cancelled, 5% pending at the other pharmacies; a fifth of the target's pending rows are marked
/// ready for collection. Drugs: 10% controlled, 20% high-risk, 70% routine.
/// </summary>
internal sealed class PrescriptionRows(
    SeedStore store, int targetPharmacyId, int[] pharmacyIds, int doctorId, IReadOnlyList<SeedDrug> drugs,
    int[] patientIds, (int Request, int Item, int Prescription) maxIds)
{
    private const int ValidityDays = 30;

    /// <summary>The share of the target's pending prescriptions marked ready for collection (the Ready tab).</summary>
    private const double ReadyShare = 0.2;

    /// <summary>The tables each row writes to.</summary>
    public static readonly string[] Tables = ["PrescriptionRequests", "PrescriptionRequestItems", "Prescriptions"];

    private readonly Random _random = new(20261127);
    private readonly DateTime _now = DateTime.UtcNow;
    private readonly int[] _others = [.. pharmacyIds.Where(id => id != targetPharmacyId)];
    private readonly Dictionary<Priority, SeedDrug[]> _drugs = drugs.GroupBy(d => d.Priority).ToDictionary(g => g.Key, g => g.ToArray());

    private readonly IRowWriter _requests = store.Table("PrescriptionRequests", identity: true, "Id", "Reference", "PatientId", "PharmacyId", "Status",
        "Reason", "SubmittedAt", "Escalated", "ReviewedByDoctorId", "ReviewedAt");

    private readonly IRowWriter _items = store.Table("PrescriptionRequestItems", identity: true, "Id", "RequestId", "DrugId", "Strength", "Form",
        "QuantityRequested", "Approved", "ApprovedQuantity", "ApprovedDosage", "ApprovedFrequency", "RefillsAllowed");

    private readonly IRowWriter _prescriptions = store.Table("Prescriptions", identity: true, "Id", "RxNumber", "Nonce", "Token", "KeyId", "PatientId",
        "PrescriberId", "PharmacyId", "RequestId", "RequestItemId", "DrugId", "Schedule", "RiskLevel", "MedicationName", "Strength", "Form", "Route", "Dosage",
        "Frequency", "Quantity", "Refills", "RepeatNumber", "RepeatsAuthorised", "IssuedAt", "ExpiresAt", "Status", "DispensedAt", "DispensedByPharmacyId",
        "DispensingPharmacistName", "CancelledAt", "CancellationReason", "ReadyAt");

    private int _pendingAtTarget;

    public int Seeded { get; private set; }

    public int TargetPharmacyId => targetPharmacyId;

    /// <summary>Adds the next row; the target's pending rows are spread evenly at random over the rows up to <paramref name="total"/>.</summary>
    public void AddNext(int total, int pendingAtTarget)
    {
        var n = ++Seeded;
        var needed = pendingAtTarget - _pendingAtTarget;
        var isTargetPending = needed > 0 && _random.NextDouble() * (total - n + 1) < needed;
        var (pharmacy, state) = isTargetPending ? (targetPharmacyId, State.Pending) : Other();
        _pendingAtTarget += isTargetPending ? 1 : 0;

        var issued = state switch
        {
            State.Pending => _now.AddDays(-_random.NextDouble() * (ValidityDays - 1)),
            State.Expired => _now.AddDays(-ValidityDays - 1 - (_random.NextDouble() * 700)),
            _ => _now.AddDays(-3 - (_random.NextDouble() * 727)),
        };
        var drug = Drug();
        var patient = patientIds[_random.Next(patientIds.Length)];
        var quantity = 7 * _random.Next(1, 9);
        var (requestId, itemId, id) = (maxIds.Request + n, maxIds.Item + n, maxIds.Prescription + n);
        var rxNumber = "PHB-RX-" + (10_000_000 + id).ToString("D8", CultureInfo.InvariantCulture);
        var dispensed = state == State.Dispensed;
        var cancelled = state == State.Cancelled;

        _requests.Run(requestId, "BENCH-" + id.ToString(CultureInfo.InvariantCulture), patient, pharmacy, 2, "Benchmark history",
            issued.AddHours(-2), false, doctorId, issued);
        _items.Run(itemId, requestId, drug.Id, drug.Strength, drug.Form, quantity, true, quantity, "One dose as directed", "Twice daily", 0);
        _prescriptions.Run(id, rxNumber, Guid.NewGuid(), "EPS1:benchmark-token-not-signed", "bench", patient, doctorId, pharmacy,
            requestId, itemId, drug.Id, (int)drug.Schedule, (int)drug.Risk, drug.Name, drug.Strength, drug.Form, "Oral", "One dose as directed", "Twice daily", quantity, 0, 0, 0,
            issued, issued.AddDays(ValidityDays), dispensed ? 1 : cancelled ? 2 : 0,
            dispensed ? issued.AddHours(1 + (_random.NextDouble() * 47)) : null, dispensed ? pharmacy : null,
            dispensed ? "Benchmark Pharmacist" : null, cancelled ? issued.AddHours(1) : null, cancelled ? "Benchmark" : null,
            isTargetPending && _random.NextDouble() < ReadyShare ? issued.AddHours(2) : null);
    }

    private (int Pharmacy, State State) Other()
    {
        var pharmacy = pharmacyIds[_random.Next(pharmacyIds.Length)];
        var r = _random.NextDouble();
        var state = r < 0.80 ? State.Dispensed : r < 0.92 ? State.Expired : r < 0.95 ? State.Cancelled : State.Pending;
        // The target's unexpired pending count stays exactly what was asked for.
        return state == State.Pending && pharmacy == targetPharmacyId ? (_others[_random.Next(_others.Length)], state) : (pharmacy, state);
    }

    private SeedDrug Drug()
    {
        var r = _random.NextDouble();
        var group = _drugs[r < 0.10 ? Priority.Controlled : r < 0.30 ? Priority.HighRisk : Priority.Routine];
        return group[_random.Next(group.Length)];
    }

    private enum State
    {
        Pending,
        Dispensed,
        Expired,
        Cancelled,
    }
}
