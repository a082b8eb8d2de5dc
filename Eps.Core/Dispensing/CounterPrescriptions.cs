using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Dispensing;

/// <summary>Everything verification and dispensing need about one prescription, read in one query.</summary>
public sealed record CounterPrescription(
    int Id, string RxNumber, Guid Nonce, PrescriptionState Status, DateTime IssuedAt, DateTime ExpiresAt,
    int PharmacyId, string PharmacyCode, string PharmacyName,
    string PatientName, string PatientHpn, string PrescriberName,
    string MedicationName, string Strength, string Dosage, string Frequency, int Quantity,
    DrugSchedule Schedule, RiskLevel Risk,
    DateTime? DispensedAt, string? DispensedByPharmacy, string? DispensingPharmacistName,
    int RepeatNumber, int RepeatsAuthorised)
{
    public string Medication => string.IsNullOrEmpty(Strength) ? MedicationName : $"{MedicationName} {Strength}";

    public PrescriptionState StateAt(DateTime utcNow) =>
        Prescription.StateAt(Status, ExpiresAt, utcNow);

    public DispensedInfo? DispensedInfo() => DispensedAt is { } at
        ? new DispensedInfo(at, DispensedByPharmacy ?? "", DispensingPharmacistName ?? "")
        : null;

    public VerifiedPrescription ToSummary() => new(
        RxNumber, Nonce, PatientName, Hpn.Format(PatientHpn), Medication, Dosage, Frequency, Quantity, PrescriberName,
        PharmacyName, PharmacyCode, IssuedAt, ExpiresAt, Status == PrescriptionState.Dispensed,
        Schedule.IsControlled(), Risk.IsHighRisk(),
        VerificationService.ScheduleName(Schedule), RepeatNumber, RepeatsAuthorised);
}

/// <summary>A provider's own way of reading a <see cref="CounterPrescription"/> faster than EF (see <c>Data/Sqlite</c>).</summary>
public interface ICounterPrescriptionReader
{
    Task<CounterPrescription?> FindAsync(EpsDbContext db, string rxNumber, CancellationToken cancellationToken);
}

/// <summary>
/// Finds the prescription a token or ID names, for verification and dispensing: through the provider's fast reader when
/// it has one (SQLite's prepared statements), through one compiled EF query otherwise.
/// </summary>
public sealed class CounterPrescriptions
{
    /// <summary>Compiled once: verification runs this on every scan, and the query is the same every time.</summary>
    private static readonly Func<EpsDbContext, string, CancellationToken, Task<CounterPrescription?>> Find = EF.CompileAsyncQuery(
        (EpsDbContext db, string rxNumber, CancellationToken cancellationToken) => db.Prescriptions.AsNoTracking()
            .Where(p => p.RxNumber == rxNumber)
            .Select(p => new CounterPrescription(
                p.Id, p.RxNumber, p.Nonce, p.Status, p.IssuedAt, p.ExpiresAt,
                p.PharmacyId, p.Pharmacy.Code, p.Pharmacy.Name,
                p.Patient.User.FullName, p.Patient.Hpn, p.Prescriber.User.FullName,
                p.MedicationName, p.Strength, p.Dosage, p.Frequency, p.Quantity,
                p.Schedule, p.RiskLevel,
                p.DispensedAt, p.DispensedByPharmacy != null ? p.DispensedByPharmacy.Name : null, p.DispensingPharmacistName,
                p.RepeatNumber, p.RepeatsAuthorised))
            .FirstOrDefault());

    private readonly ICounterPrescriptionReader? _fast;

    internal CounterPrescriptions(ICounterPrescriptionReader? fast) => _fast = fast;

    internal Task<CounterPrescription?> FindAsync(EpsDbContext db, string rxNumber, CancellationToken cancellationToken) =>
        _fast?.FindAsync(db, rxNumber, cancellationToken) ?? FindOnContextAsync(db, rxNumber, cancellationToken);

    /// <summary>Reads on the context's own connection, so inside its transaction (the dispense's unit of work).</summary>
    internal static Task<CounterPrescription?> FindOnContextAsync(EpsDbContext db, string rxNumber, CancellationToken cancellationToken) =>
        Find(db, rxNumber, cancellationToken);
}
