namespace Eps.Core.Notifications;

/// <summary>Delivery state of an outbox email.</summary>
public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>An email written in the same transaction as the change that caused it, delivered later.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Message type, e.g. "patient.approved" or "pharmacy.controlled-alert".</summary>
    public string Kind { get; set; } = "";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";

    /// <summary>What the message is about (e.g. <c>patient:12/pharmacy:3</c>), for rules that limit repeats of a kind.</summary>
    public string? Regarding { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Set atomically by the instance that claims the row, so two senders never send it twice.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}
