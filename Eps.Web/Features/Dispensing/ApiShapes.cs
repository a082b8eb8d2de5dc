using Eps.Core.Dispensing;

namespace Eps.Web.Features.Dispensing;

/// <summary>Maps core results to the seed's JSON shapes (snake_case keys).</summary>
internal static class ApiShapes
{
    public static IReadOnlyDictionary<string, object?> VerifyDetails(VerificationOutcome outcome)
    {
        var details = new Dictionary<string, object?>();
        if (outcome.StepFailed is not null)
        {
            details["step_failed"] = outcome.StepFailed;
        }

        if (outcome.Dispensed is { } d)
        {
            AddDispensed(details, d);
        }

        if (outcome.Prescription is { } p)
        {
            details["prescription_id"] = p.PrescriptionId;
            details["patient_name"] = p.PatientName;
            details["patient_hpn"] = p.PatientHpn;
            details["medication"] = p.Medication;
            details["dosage"] = p.Dosage;
            details["frequency"] = p.Frequency;
            details["quantity"] = p.Quantity;
            details["prescriber"] = p.Prescriber;
            details["nominated_pharmacy"] = p.NominatedPharmacy;
            details["nominated_pharmacy_code"] = p.NominatedPharmacyCode;
            details["issued"] = p.Issued;
            details["expiry"] = p.Expiry;
            details["dispensed"] = p.Dispensed;
            details["is_controlled"] = p.IsControlled;
            details["is_high_risk"] = p.IsHighRisk;
            details["nafdac_schedule"] = p.Schedule;
            details["requires_id_verification"] = p.IsControlled;
            if (outcome.Valid)
            {
                // Holders of the token already know the nonce; the dispense call needs it.
                details["nonce"] = p.Nonce;
            }
        }

        if (outcome.Warnings.Count > 0)
        {
            details["warnings"] = outcome.Warnings;
        }

        return details;
    }

    public static IReadOnlyDictionary<string, object?> Receipt(DispenseReceipt r) => new Dictionary<string, object?>
    {
        ["prescription_id"] = r.PrescriptionId,
        ["patient_name"] = r.PatientName,
        ["medication"] = r.Medication,
        ["quantity"] = r.Quantity,
        ["dispensed_at"] = r.DispensedAt,
        ["dispensed_by"] = r.DispensedBy,
        ["pharmacist"] = r.Pharmacist,
        ["controlled_register_entry"] = r.Controlled,
    };

    public static IReadOnlyDictionary<string, object?> Dispensed(DispensedInfo? info)
    {
        var details = new Dictionary<string, object?>();
        if (info is not null)
        {
            AddDispensed(details, info);
        }

        return details;
    }

    public static VerificationLogResponse Log(VerificationLogView view) => new(
        view.PrescriptionId, view.PatientName, view.Medication, view.Dispensed, view.DispensedAt, view.DispensedBy,
        [.. view.Attempts.Select(a => new VerificationLogEntry(
            a.Timestamp, a.Kind, a.PharmacyId, a.PharmacyName, a.PharmacyCode, a.Success, a.Reason, a.StepFailed, a.IpAddress))]);

    private static void AddDispensed(Dictionary<string, object?> details, DispensedInfo d)
    {
        details["dispensed_at"] = d.DispensedAt;
        details["dispensed_by"] = d.DispensedBy;
        details["pharmacist"] = d.Pharmacist;
    }
}
