using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eps.Web.Features.Dispensing;

/// <summary>Verify body: the QR's compact token, or the seed's payload with its hex signature.</summary>
internal sealed record VerifyBody(
    string? Token, JsonElement? Payload, string? Signature, string? Kid, string? PharmacyCode, string? PharmacyName);

/// <summary>The seed's verify response.</summary>
internal sealed record VerifyResponse(bool Valid, string Reason, VerifyDetails Details);

/// <summary>
/// The verify response's details: the failed step, who dispensed it (when it was), and the prescription (when found);
/// a member that does not apply is left out, as the seed does.
/// </summary>
internal sealed record VerifyDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StepFailed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? DispensedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DispensedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pharmacist,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PrescriptionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PatientName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PatientHpn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Medication,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Dosage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Frequency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Quantity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Prescriber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NominatedPharmacy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NominatedPharmacyCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? Issued,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? Expiry,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Dispensed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsControlled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsHighRisk,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NafdacSchedule,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? RequiresIdVerification,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Nonce,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RepeatNumber = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RepeatsAuthorised = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Repeat = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextRepeat = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextPrescriptionId = null);

/// <summary>The seed's dispense body, plus the ID document for controlled drugs.</summary>
internal sealed record DispenseBody(
    string? PrescriptionId, string? Nonce, string? PharmacyCode, string? PharmacistName, string? VerificationNotes,
    string? IdDocumentType, string? IdDocumentNumber);

/// <summary>The seed's dispense response: the receipt on success, who dispensed it on "already dispensed".</summary>
internal sealed record DispenseResponse<TDetails>(bool Success, string Message, TDetails Details);

/// <summary>What was dispensed, by whom, and whether it went into the controlled drugs register.</summary>
internal sealed record DispenseReceiptDetails(
    string PrescriptionId, string PatientName, string Medication, int Quantity, DateTime DispensedAt, string DispensedBy,
    string Pharmacist, bool ControlledRegisterEntry,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RepeatIssued = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Repeat = null);

/// <summary>Who dispensed a prescription already (empty when it was cancelled or expired instead).</summary>
internal sealed record DispensedDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? DispensedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DispensedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pharmacist,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextRepeat = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextPrescriptionId = null);

/// <summary>The seed's verification-log response.</summary>
internal sealed record VerificationLogResponse(
    string PrescriptionId, string PatientName, string Medication, bool Dispensed, DateTime? DispensedAt, string? DispensedBy,
    IReadOnlyList<VerificationLogEntry> VerificationAttempts);

/// <summary>One attempt in the verification log.</summary>
internal sealed record VerificationLogEntry(
    DateTime Timestamp, string Kind, int? PharmacyId, string? PharmacyName, string? PharmacyCode, bool Success,
    string Reason, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StepFailed, string? IpAddress);
