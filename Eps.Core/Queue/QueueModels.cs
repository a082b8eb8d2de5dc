using Eps.Core.Drugs;

namespace Eps.Core.Queue;

/// <summary>The queue's tabs.</summary>
public enum QueueTab
{
    Pending,
    Dispensed,
    Expired,
}

/// <summary>Issue-date window of the queue filter.</summary>
public enum IssuedWithin
{
    All,
    Today,
    Week,
    Month,
}

/// <summary>The pharmacist's filter. <see cref="Priority"/> narrows the rows; the stats cards ignore it so they keep showing the mix.</summary>
public sealed record QueueFilter(
    QueueTab Tab = QueueTab.Pending, Priority? Priority = null, IssuedWithin Range = IssuedWithin.All, string? Search = null);

/// <summary>One queue row (the seed's queue response fields).</summary>
public sealed record QueueRow(
    int Id, string PrescriptionId, string PatientName, string PatientHpn, string MedicationName, string Strength,
    string Dosage, string Frequency, int Quantity, string PrescriberName, DateTime IssuedAt, DateTime ExpiresAt,
    DateTime? DispensedAt, string? DispensingPharmacist, DrugSchedule Schedule, RiskLevel Risk, Priority Priority)
{
    public bool IsControlled => Priority == Priority.Controlled;
    public bool IsHighRisk => Risk.IsHighRisk();
}

/// <summary>Counts for the stats cards.</summary>
public sealed record QueueStats(int Total, int Controlled, int HighRisk, int Routine)
{
    public static QueueStats Empty { get; } = new(0, 0, 0, 0);
}

/// <summary>A page of the queue with the count of all matching rows and the stats.</summary>
public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int TotalRows, QueueStats Stats);

/// <summary>What changed in a pharmacy's queue.</summary>
public enum QueueChangeKind
{
    Added,
    Dispensed,
    Cancelled,
}

/// <summary>An event for every change that touches a pharmacy's queue.</summary>
public sealed record QueueChanged(int PharmacyId, QueueChangeKind Kind, string PrescriptionId, DateTime At);
