using Eps.Core.Accounts;
using Eps.Core.Pharmacies;

namespace Eps.Core.Prescribing;

/// <summary>Where a patient's request stands (SPEC "Workflow and states").</summary>
public enum RequestStatus
{
    Submitted = 0,
    AwaitingDoctor = 1,
    Approved = 2,
    Rejected = 3,

    /// <summary>The patient took the request back before anyone decided on it.</summary>
    Withdrawn = 4,
}

/// <summary>A patient's request for one or more medicines, routed to a nominated pharmacy.</summary>
public sealed class PrescriptionRequest
{
    public int Id { get; set; }

    /// <summary>Human reference quoted in emails and on screens, e.g. REQ-20261127-4F7K2.</summary>
    public string Reference { get; set; } = "";

    public int PatientId { get; set; }
    public PatientProfile Patient { get; set; } = null!;
    public int PharmacyId { get; set; }
    public Pharmacy Pharmacy { get; set; } = null!;

    public RequestStatus Status { get; set; }
    public string Reason { get; set; } = "";
    public DateTime SubmittedAt { get; set; }

    public string? TriagedByUserId { get; set; }
    public DateTime? TriagedAt { get; set; }
    public bool Escalated { get; set; }
    public string? TriageNote { get; set; }

    public int? ReviewedByDoctorId { get; set; }
    public DoctorProfile? ReviewedByDoctor { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ClinicalNotes { get; set; }

    /// <summary>Set when a pharmacist (at triage) or a doctor rejects.</summary>
    public string? RejectionReason { get; set; }
    public string? RejectedByUserId { get; set; }

    /// <summary>Set when the patient withdraws the request while it is still undecided.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public List<PrescriptionRequestItem> Items { get; set; } = [];
}

/// <summary>One medicine asked for, and what the doctor approved of it.</summary>
public sealed class PrescriptionRequestItem
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public PrescriptionRequest Request { get; set; } = null!;

    public int DrugId { get; set; }
    public Drugs.Drug Drug { get; set; } = null!;
    public string Strength { get; set; } = "";
    public string Form { get; set; } = "";
    public int QuantityRequested { get; set; }
    public string? Notes { get; set; }

    public bool? Approved { get; set; }
    public int? ApprovedQuantity { get; set; }
    public string? ApprovedDosage { get; set; }
    public string? ApprovedFrequency { get; set; }
    public int RefillsAllowed { get; set; }
}
