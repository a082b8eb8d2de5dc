using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eps.Web.Features.Dispensing;

/// <summary>Verify body: the QR's compact token, or the seed's payload with its hex signature.</summary>
internal sealed record VerifyBody(
    string? Token, JsonElement? Payload, string? Signature, string? Kid, string? PharmacyCode, string? PharmacyName);

/// <summary>The seed's verify response.</summary>
internal sealed record VerifyResponse(bool Valid, string Reason, IReadOnlyDictionary<string, object?> Details);

/// <summary>The seed's dispense body, plus the ID document for controlled drugs.</summary>
internal sealed record DispenseBody(
    string? PrescriptionId, string? Nonce, string? PharmacyCode, string? PharmacistName, string? VerificationNotes,
    string? IdDocumentType, string? IdDocumentNumber);

/// <summary>The seed's dispense response (success and "already dispensed").</summary>
internal sealed record DispenseResponse(bool Success, string Message, IReadOnlyDictionary<string, object?> Details);

/// <summary>The seed's verification-log response.</summary>
internal sealed record VerificationLogResponse(
    string PrescriptionId, string PatientName, string Medication, bool Dispensed, DateTime? DispensedAt, string? DispensedBy,
    IReadOnlyList<VerificationLogEntry> VerificationAttempts);

/// <summary>One attempt in the verification log.</summary>
internal sealed record VerificationLogEntry(
    DateTime Timestamp, string Kind, int? PharmacyId, string? PharmacyName, string? PharmacyCode, bool Success,
    string Reason, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StepFailed, string? IpAddress);
