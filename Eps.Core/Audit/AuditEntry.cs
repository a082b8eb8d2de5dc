namespace Eps.Core.Audit;

/// <summary>
/// One entry of the tamper-evident audit trail. <see cref="Hash"/> is the SHA-256 of the previous entry's hash and
/// this entry's content, so editing or deleting any row breaks every link after it.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>1, 2, 3, … with no gaps; a missing number is a deleted entry.</summary>
    public long Sequence { get; set; }
    public DateTime At { get; set; }

    /// <summary>What happened, e.g. "verification", "dispense", "approval", "cancellation", "role", "key-rotation".</summary>
    public string Kind { get; set; } = "";
    public string? ActorUserId { get; set; }

    /// <summary>What it happened to: a prescription ID, request reference, user id or key id.</summary>
    public string Subject { get; set; } = "";

    /// <summary>Compact facts of the event (outcome, reason, pharmacy, IP); no more personal data than the audit needs.</summary>
    public string Details { get; set; } = "";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>The chain's head: the last sequence number and hash. One row; updating it first serializes appenders.</summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = AuditChain.Genesis;
}

/// <summary>A daily signature over the chain head, so a rewrite of history is detectable even by someone who can edit tables.</summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    public DateTime SignedAt { get; set; }
    public string KeyId { get; set; } = "";
    public string Signature { get; set; } = "";
}
