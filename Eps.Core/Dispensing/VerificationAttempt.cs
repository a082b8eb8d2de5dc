namespace Eps.Core.Dispensing;

/// <summary>What was attempted against a token: a verification or a dispense.</summary>
public enum AttemptKind
{
    Verify = 0,
    Dispense = 1,
}

/// <summary>One audit row per verification or dispense attempt, success or not. Append-only.</summary>
public sealed class VerificationAttempt
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public AttemptKind Kind { get; set; }

    /// <summary>The prescription, when the token could be resolved to one.</summary>
    public int? PrescriptionId { get; set; }
    public string? ClaimedRxNumber { get; set; }

    public string? ClaimedPharmacyCode { get; set; }
    public string? ClaimedPharmacyName { get; set; }
    public int? AuthenticatedPharmacyId { get; set; }
    public string? AuthenticatedUserId { get; set; }

    public bool Success { get; set; }
    public string Reason { get; set; } = "";
    public string? StepFailed { get; set; }
    public string? ClientIp { get; set; }
}
