using System.Text.Json;

namespace Eps.Core.Dispensing;

/// <summary>Who is asking: recorded on every audit row.</summary>
/// <param name="PharmacyId">The pharmacy of a signed-in pharmacist, when there is one.</param>
public sealed record RequestOrigin(string? ClientIp, string? UserId = null, int? PharmacyId = null);

/// <summary>
/// A verification request in either accepted shape: the QR's compact <see cref="Token"/>, or the seed's JSON
/// <see cref="LegacyPayload"/> with its hex HMAC <see cref="LegacySignature"/>.
/// </summary>
public sealed record VerifyRequest(
    string? Token,
    JsonElement? LegacyPayload,
    string? LegacySignature,
    string? Kid,
    string? PharmacyCode,
    string? PharmacyName);

/// <summary>The ordered verification steps; the first that fails is reported as <c>step_failed</c>.</summary>
public static class VerificationSteps
{
    public const string Format = "format_validation";
    public const string Signature = "signature_verification";
    public const string Lookup = "prescription_lookup";
    public const string Nonce = "nonce_verification";
    public const string Identity = "patient_identity";
    public const string Cancellation = "cancellation_check";
    public const string Expiry = "expiry_check";
    public const string Dispensing = "dispensing_check";

    /// <summary>The check as people at the counter name it (the API keeps the seed's codes).</summary>
    public static string Describe(string step) => step switch
    {
        Format => "Token format",
        Signature => "Signature",
        Lookup => "Prescription lookup",
        Nonce => "Token matches the prescription",
        Identity => "Patient's HPN",
        Cancellation => "Not cancelled",
        Expiry => "Not expired",
        Dispensing => "Not yet dispensed",
        _ => step,
    };
}

/// <summary>What the verify API reports about a prescription that was found.</summary>
public sealed record VerifiedPrescription(
    string PrescriptionId,
    Guid Nonce,
    string PatientName,
    string PatientHpn,
    string Medication,
    string Dosage,
    string Frequency,
    int Quantity,
    string Prescriber,
    string NominatedPharmacy,
    string NominatedPharmacyCode,
    DateTime Issued,
    DateTime Expiry,
    bool Dispensed,
    bool IsControlled,
    bool IsHighRisk,
    string? Schedule,
    int RepeatNumber,
    int RepeatsAuthorised)
{
    /// <summary>"Repeat 1 of 2", "Original, 2 repeats authorised", or null without repeats.</summary>
    public string? Repeat => Prescribing.RepeatText.Label(RepeatNumber, RepeatsAuthorised);
}

/// <summary>
/// Who dispensed a prescription, for "already dispensed" answers, and the repeat its collection issued (the ID only for
/// staff of the pharmacy the repeat is nominated to).
/// </summary>
public sealed record DispensedInfo(DateTime DispensedAt, string DispensedBy, string Pharmacist, string? NextRepeat = null,
    string? NextPrescriptionId = null);

/// <summary>Result of a verification: valid or the first failed step, plus warnings that do not fail it.</summary>
public sealed record VerificationOutcome(
    bool Valid,
    string Reason,
    string? StepFailed,
    VerifiedPrescription? Prescription,
    DispensedInfo? Dispensed,
    IReadOnlyList<string> Warnings)
{
    public static VerificationOutcome Fail(string step, string reason, VerifiedPrescription? prescription = null,
        DispensedInfo? dispensed = null) =>
        new(false, reason, step, prescription, dispensed, []);
}
