using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Dispensing;

/// <summary>One audit row as the verification-log API shows it.</summary>
public sealed record LoggedAttempt(
    DateTime Timestamp, string Kind, int? PharmacyId, string? PharmacyName, string? PharmacyCode, bool Success,
    string Reason, string? StepFailed, string? IpAddress);

/// <summary>A prescription's verification history (the seed's verification-log response).</summary>
public sealed record VerificationLogView(
    string PrescriptionId, string PatientName, string Medication, bool Dispensed, DateTime? DispensedAt, string? DispensedBy,
    IReadOnlyList<LoggedAttempt> Attempts);

/// <summary>Reads a prescription's audit trail for those entitled to it: prescriber, patient, nominated pharmacy, admin.</summary>
public sealed class VerificationLog(IDbContextFactory<EpsDbContext> dbFactory)
{
    public async Task<(VerificationLogView? View, bool Forbidden)> GetAsync(string rxNumber, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var p = await db.Prescriptions.AsNoTracking().Where(x => x.RxNumber == rxNumber)
            .Select(x => new
            {
                x.Id, x.RxNumber, x.PatientId, x.PrescriberId, x.PharmacyId, Patient = x.Patient.User.FullName,
                x.MedicationName, x.Strength, x.Status, x.DispensedAt, DispensedBy = x.DispensedByPharmacy!.Name,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (p is null)
        {
            return (null, false);
        }

        var entitled = actor.IsAdmin
            || (actor.IsPatient && actor.PatientId == p.PatientId)
            || (actor.IsDoctor && actor.DoctorId == p.PrescriberId)
            || (actor.IsPharmacist && actor.PharmacyId == p.PharmacyId);
        if (!entitled)
        {
            return (null, true);
        }

        var attempts = await db.VerificationAttempts.AsNoTracking()
            .Where(a => a.PrescriptionId == p.Id)
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            .Select(a => new LoggedAttempt(
                a.OccurredAt, a.Kind == AttemptKind.Dispense ? "dispense" : "verify", a.AuthenticatedPharmacyId,
                db.Pharmacies.Where(ph => ph.Id == a.AuthenticatedPharmacyId).Select(ph => ph.Name).FirstOrDefault() ?? a.ClaimedPharmacyName,
                a.ClaimedPharmacyCode, a.Success, a.Reason, a.StepFailed, a.ClientIp))
            .ToListAsync(cancellationToken);

        return (new VerificationLogView(
            p.RxNumber, p.Patient, string.IsNullOrEmpty(p.Strength) ? p.MedicationName : $"{p.MedicationName} {p.Strength}",
            p.Status == PrescriptionState.Dispensed, p.DispensedAt, p.DispensedBy, attempts), false);
    }
}
