namespace Eps.Core.Dispensing;

/// <summary>A pharmacist's request to hand over a verified prescription.</summary>
public sealed record DispenseCommand(
    string PrescriptionId,
    Guid Nonce,
    string PharmacyCode,
    string PharmacistName,
    string? Notes,
    IdDocumentType? IdDocumentType = null,
    string? IdDocumentNumber = null);

/// <summary>How a dispense attempt ended.</summary>
public enum DispenseStatus
{
    Dispensed,
    NotFound,
    NonceMismatch,
    WrongPharmacy,
    Cancelled,
    Expired,
    AlreadyDispensed,
    InvalidInput,
}

/// <summary>
/// What was handed over, for the receipt and the API response, and the repeat its collection issued
/// (<see cref="RepeatIssued"/>, worded as <see cref="RepeatLabel"/>, e.g. "Repeat 1 of 2").
/// </summary>
public sealed record DispenseReceipt(
    string PrescriptionId, string PatientName, string Medication, int Quantity, DateTime DispensedAt,
    string DispensedBy, string Pharmacist, bool Controlled, string? RepeatIssued = null, string? RepeatLabel = null);

/// <summary>Result of a dispense attempt. <see cref="Field"/> names the offending input for <see cref="DispenseStatus.InvalidInput"/>.</summary>
public sealed record DispenseOutcome(
    DispenseStatus Status, string Message, DispenseReceipt? Receipt = null, DispensedInfo? AlreadyDispensed = null,
    string? Field = null)
{
    public bool Succeeded => Status == DispenseStatus.Dispensed;
}
