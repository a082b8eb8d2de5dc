using Eps.Core.Prescribing;

namespace Eps.Core.Interop;

/// <summary>What the FHIR export reads of one prescription; <see cref="State"/> has expiry applied.</summary>
public sealed record FhirPrescription(
    string RxNumber, string RequestReference, PrescriptionState State, DateTime IssuedAt, DateTime ExpiresAt,
    string Medication, string Strength, string Form, string Route, string Dosage, string Frequency, int Quantity, int Refills,
    string PatientName, string PatientHpn, string PrescriberName, string PrescriberRegistration,
    string PharmacyName, string PharmacyCode, string? PreviousRxNumber,
    DateTime? CancelledAt, string? CancellationReason,
    DateTime? DispensedAt, string? DispensedByPharmacyName, string? DispensedByPharmacyCode, string? PharmacistName)
{
    public string MedicationDisplay => string.IsNullOrEmpty(Strength) ? Medication : $"{Medication} {Strength}";
}
