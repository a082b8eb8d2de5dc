using Eps.Core.Drugs;

namespace Eps.Core.Prescribing;

/// <summary>One step in a request's history.</summary>
public sealed record TimelineEntry(DateTime At, string Title, string? Detail);

/// <summary>An item as screens show it.</summary>
public sealed record RequestItemView(
    int Id, int DrugId, string Medication, string Strength, string Form, int QuantityRequested, string? Notes,
    DrugSchedule Schedule, RiskLevel Risk, bool? Approved, int? ApprovedQuantity, string? ApprovedDosage,
    string? ApprovedFrequency, int Refills)
{
    public Priority Priority => DrugRules.PriorityOf(Schedule, Risk);
}

/// <summary>A request with its items, for lists and detail pages.</summary>
public sealed record RequestView(
    int Id, string Reference, RequestStatus Status, DateTime SubmittedAt, string Reason,
    int PatientId, string PatientName, string PatientHpn,
    int PharmacyId, string PharmacyName, string PharmacyCity,
    bool Escalated, string? TriageNote, DateTime? TriagedAt,
    DateTime? ReviewedAt, string? ReviewerName, string? ClinicalNotes, string? RejectionReason,
    IReadOnlyList<RequestItemView> Items, IReadOnlyList<string> PrescriptionIds, DateTime? WithdrawnAt = null)
{
    public bool HasControlled => Items.Any(i => i.Priority == Priority.Controlled);
    public bool HasHighRisk => Items.Any(i => i.Priority == Priority.HighRisk);

    public IReadOnlyList<TimelineEntry> Timeline
    {
        get
        {
            var entries = new List<TimelineEntry> { new(SubmittedAt, "Submitted", $"To {PharmacyName}") };
            var rejectedAtTriage = Status == RequestStatus.Rejected && ReviewedAt is null;
            if (TriagedAt is { } triaged)
            {
                entries.Add(rejectedAtTriage
                    ? new(triaged, "Rejected by the pharmacy", RejectionReason)
                    : new(triaged, Escalated ? "Escalated to a doctor" : "Forwarded to a doctor", TriageNote));
            }

            if (ReviewedAt is { } reviewed)
            {
                entries.Add(Status == RequestStatus.Rejected
                    ? new(reviewed, "Rejected by the doctor", RejectionReason)
                    : new(reviewed, "Approved", string.Join(", ", PrescriptionIds)));
            }

            if (WithdrawnAt is { } withdrawn)
            {
                entries.Add(new(withdrawn, "Withdrawn by the patient", null));
            }

            return entries;
        }
    }
}
