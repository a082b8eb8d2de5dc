namespace Eps.Core.Notifications;

/// <summary>
/// Proof that a pharmacy's daily digest was queued for a local date; unique per pharmacy and date, so restarts and
/// several instances cannot send it twice.
/// </summary>
public sealed class DigestRecord
{
    public long Id { get; set; }
    public int PharmacyId { get; set; }
    public DateOnly Date { get; set; }
    public DateTime QueuedAt { get; set; }
    public int Routine { get; set; }
    public int Controlled { get; set; }
    public int HighRisk { get; set; }
}
