using Eps.Core.Drugs;

namespace Eps.Core.Queue;

/// <summary>The queue's tabs.</summary>
public enum QueueTab
{
    Pending,

    /// <summary>The pending prescriptions the pharmacy has marked ready for collection.</summary>
    Ready,
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

/// <summary>The order of the queue's rows.</summary>
public enum QueueSort
{
    /// <summary>Pending: the longest-waiting first; dispensed and expired: the earliest dispensed or expired first.</summary>
    OldestFirst,

    /// <summary>Pending: the latest issued first; dispensed and expired: the latest dispensed or expired first.</summary>
    NewestFirst,
}

/// <summary>
/// The pharmacist's filter; the stats are counted over all of it, priority included (SPEC: "over the current filter").
/// Without a <see cref="Sort"/> the tab's own order applies: pending in order of arrival, the others most recent first.
/// </summary>
public sealed record QueueFilter(
    QueueTab Tab = QueueTab.Pending, Priority? Priority = null, IssuedWithin Range = IssuedWithin.All, string? Search = null,
    QueueSort? Sort = null)
{
    /// <summary>The order the rows are read in.</summary>
    public QueueSort Order => Sort ?? DefaultOrder(Tab);

    public static QueueSort DefaultOrder(QueueTab tab) => tab is QueueTab.Pending or QueueTab.Ready ? QueueSort.OldestFirst : QueueSort.NewestFirst;
}

/// <summary>One queue row (the seed's queue response fields).</summary>
public sealed record QueueRow(
    int Id, string PrescriptionId, string PatientName, string PatientHpn, string MedicationName, string Strength,
    string Dosage, string Frequency, int Quantity, string PrescriberName, DateTime IssuedAt, DateTime ExpiresAt,
    DateTime? DispensedAt, string? DispensingPharmacist, DrugSchedule Schedule, RiskLevel Risk, Priority Priority,
    DateTime? ReadyAt = null)
{
    /// <summary>Marked ready for collection and still waiting; <see cref="ReadyAt"/> is null on dispensed and expired rows.</summary>
    public bool IsReady => ReadyAt is not null;

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

    /// <summary>The pharmacy marked a pending prescription ready for collection; it stays in the queue.</summary>
    Ready,

    /// <summary>Changes may have been missed (the cross-instance link was down): re-read; no prescription is named.</summary>
    Resync,

    // Request changes, for the triage inbox and the doctors' review list: the event's PrescriptionId holds the request
    // reference and its PharmacyId the nominated pharmacy. Open queues ignore them (QueueChangeKinds.IsRequest).

    /// <summary>A patient sent a request to the pharmacy.</summary>
    RequestSubmitted,

    /// <summary>A pharmacist forwarded or escalated a request to the doctors.</summary>
    RequestForwarded,

    /// <summary>A pharmacist (at triage) or a doctor rejected a request.</summary>
    RequestRejected,

    /// <summary>A doctor approved a request; its prescriptions follow as <see cref="Added"/>.</summary>
    RequestApproved,

    /// <summary>The patient withdrew a request nobody had decided on.</summary>
    RequestWithdrawn,
}

/// <summary>Tells queue changes from request changes.</summary>
public static class QueueChangeKinds
{
    /// <summary>True for a change of a prescription request (triage, review) rather than of the pharmacy's queue.</summary>
    public static bool IsRequest(this QueueChangeKind kind) => kind >= QueueChangeKind.RequestSubmitted;
}

/// <summary>An event for every change that touches a pharmacy's queue.</summary>
public sealed record QueueChanged(int PharmacyId, QueueChangeKind Kind, string PrescriptionId, DateTime At);
