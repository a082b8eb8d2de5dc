using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Pharmacies;

namespace Eps.Core.Prescribing;

/// <summary>Stored state of a prescription; <see cref="PrescriptionState.Expired"/> is derived from time, never stored.</summary>
public enum PrescriptionState
{
    PendingCollection = 0,
    Dispensed = 1,
    Cancelled = 2,
    Expired = 3,
}

/// <summary>One approved item with its signed token: the seed's Medication.</summary>
public sealed class Prescription
{
    public int Id { get; set; }

    /// <summary>Printed ID, <c>PHB-RX-</c> + 8 digits.</summary>
    public string RxNumber { get; set; } = "";
    public Guid Nonce { get; set; }
    public string Token { get; set; } = "";
    public string KeyId { get; set; } = "";

    public int PatientId { get; set; }
    public PatientProfile Patient { get; set; } = null!;
    public int PrescriberId { get; set; }
    public DoctorProfile Prescriber { get; set; } = null!;
    public int PharmacyId { get; set; }
    public Pharmacy Pharmacy { get; set; } = null!;
    public int RequestId { get; set; }
    public PrescriptionRequest Request { get; set; } = null!;
    public int RequestItemId { get; set; }
    public int DrugId { get; set; }
    public Drug Drug { get; set; } = null!;

    /// <summary>The drug's schedule when the prescription was issued: decides the ID check and the register, for good.</summary>
    public DrugSchedule Schedule { get; set; }

    /// <summary>The drug's risk when the prescription was issued: decides the queue priority, for good.</summary>
    public RiskLevel RiskLevel { get; set; }

    public string MedicationName { get; set; } = "";
    public string Strength { get; set; } = "";
    public string Form { get; set; } = "";
    public string Route { get; set; } = "oral";
    public string Dosage { get; set; } = "";
    public string Frequency { get; set; } = "";
    public int Quantity { get; set; }
    public int Refills { get; set; }
    public string? Indication { get; set; }

    /// <summary>0 for the prescription the doctor approved, 1 for its first repeat, and so on.</summary>
    public int RepeatNumber { get; set; }

    /// <summary>The repeats the doctor authorised on the original item; the same on every repeat of it.</summary>
    public int RepeatsAuthorised { get; set; }

    /// <summary>The prescription this repeat follows (null for an original); unique, so a repeat is issued at most once.</summary>
    public int? PreviousPrescriptionId { get; set; }
    public Prescription? Previous { get; set; }

    /// <summary>The repeat issued when this one was collected, if any.</summary>
    public Prescription? Next { get; set; }

    public DateTime IssuedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>Stored state (pending, dispensed, cancelled); expiry is applied on read.</summary>
    public PrescriptionState Status { get; set; }

    public DateTime? DispensedAt { get; set; }
    public int? DispensedByPharmacyId { get; set; }
    public Pharmacy? DispensedByPharmacy { get; set; }
    public string? DispensedByUserId { get; set; }
    public string? DispensingPharmacistName { get; set; }

    public DateTime? CancelledAt { get; set; }
    public string? CancelledByUserId { get; set; }
    public string? CancellationReason { get; set; }

    /// <summary>When the nominated pharmacy prepared the stock; the prescription stays pending and dispensable.</summary>
    public DateTime? ReadyAt { get; set; }
    public string? ReadyByUserId { get; set; }

    /// <summary>When the patient was reminded that the token expires soon; set once, with the reminder's outbox row.</summary>
    public DateTime? ExpiryReminderSentAt { get; set; }

    public string MedicationDisplay => string.IsNullOrEmpty(Strength) ? MedicationName : $"{MedicationName} {Strength}";

    public PrescriptionState StateAt(DateTime utcNow) => StateAt(Status, ExpiresAt, utcNow);

    /// <summary>The state at <paramref name="utcNow"/>: a pending prescription past its expiry reads as expired.</summary>
    public static PrescriptionState StateAt(PrescriptionState stored, DateTime expiresAt, DateTime utcNow) =>
        stored == PrescriptionState.PendingCollection && utcNow >= expiresAt ? PrescriptionState.Expired : stored;
}
