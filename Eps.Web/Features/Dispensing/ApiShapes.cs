using Eps.Core.Dispensing;

namespace Eps.Web.Features.Dispensing;

/// <summary>Maps core results to the seed's response records (serialised with snake_case names).</summary>
internal static class ApiShapes
{
    public static VerifyDetails VerifyDetails(VerificationOutcome outcome)
    {
        var p = outcome.Prescription;
        var d = outcome.Dispensed;
        return new VerifyDetails(
            outcome.StepFailed, d?.DispensedAt, d?.DispensedBy, d?.Pharmacist,
            p?.PrescriptionId, p?.PatientName, p?.PatientHpn, p?.Medication, p?.Dosage, p?.Frequency, p?.Quantity, p?.Prescriber,
            p?.NominatedPharmacy, p?.NominatedPharmacyCode, p?.Issued, p?.Expiry, p?.Dispensed, p?.IsControlled, p?.IsHighRisk,
            p?.Schedule, p?.IsControlled,
            // Holders of the token already know the nonce; the dispense call needs it.
            outcome.Valid ? p?.Nonce : null,
            outcome.Warnings.Count > 0 ? outcome.Warnings : null,
            p is { RepeatsAuthorised: > 0 } ? p.RepeatNumber : null, p is { RepeatsAuthorised: > 0 } ? p.RepeatsAuthorised : null, p?.Repeat,
            d?.NextRepeat, d?.NextPrescriptionId);
    }

    public static DispenseReceiptDetails Receipt(DispenseReceipt r) =>
        new(r.PrescriptionId, r.PatientName, r.Medication, r.Quantity, r.DispensedAt, r.DispensedBy, r.Pharmacist, r.Controlled,
            r.RepeatIssued, r.RepeatLabel);

    public static DispensedDetails Dispensed(DispensedInfo? info) =>
        new(info?.DispensedAt, info?.DispensedBy, info?.Pharmacist, info?.NextRepeat, info?.NextPrescriptionId);

    public static VerificationLogResponse Log(VerificationLogView view) => new(
        view.PrescriptionId, view.PatientName, view.Medication, view.Dispensed, view.DispensedAt, view.DispensedBy,
        [.. view.Attempts.Select(a => new VerificationLogEntry(
            a.Timestamp, a.Kind, a.PharmacyId, a.PharmacyName, a.PharmacyCode, a.Success, a.Reason, a.StepFailed, a.IpAddress))]);
}
