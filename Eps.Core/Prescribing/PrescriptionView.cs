using Eps.Core.Data;
using Eps.Core.Drugs;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>A pharmacy's contact details as printed for patients.</summary>
public sealed record PharmacyContact(
    string Name, string Code, string Address, string City, string Postcode, string Phone, string Email, string? OpeningHours = null);

/// <summary>A prescription as patients, prescribers and the token page see it. <see cref="State"/> has expiry applied.</summary>
public sealed record PrescriptionView(
    int Id, string RxNumber, string Medication, string Strength, string Form, string Dosage, string Frequency,
    int Quantity, int Refills, DateTime IssuedAt, DateTime ExpiresAt, PrescriptionState State,
    string PatientName, string PatientHpn, int PatientId, string PrescriberName, int PrescriberId, PharmacyContact Pharmacy,
    DateTime? DispensedAt, string? DispensedBy, DateTime? CancelledAt, string? CancellationReason,
    DrugSchedule Schedule, RiskLevel Risk, string Token, string RequestReference,
    int RepeatNumber = 0, int RepeatsAuthorised = 0, string? PreviousRxNumber = null, string? NextRxNumber = null,
    DateTime? ReadyAt = null)
{
    /// <summary>Pending and prepared by the pharmacy: shown as "Ready to collect", still dispensable.</summary>
    public bool IsReady => State == PrescriptionState.PendingCollection && ReadyAt is not null;

    public Priority Priority => DrugRules.PriorityOf(Schedule, Risk);

    /// <summary>"Repeat 1 of 2", "Original, 2 repeats authorised", or null without repeats.</summary>
    public string? RepeatLabel => RepeatText.Label(RepeatNumber, RepeatsAuthorised);

    /// <summary>What collecting this one issues next; says nothing is available before it is.</summary>
    public string? RepeatNext => RepeatText.Next(RepeatNumber, RepeatsAuthorised);
    public string MedicationDisplay => string.IsNullOrEmpty(Strength) ? Medication : $"{Medication} {Strength}";

    /// <summary>The state as staff read it.</summary>
    public string StateLabel => State switch
    {
        PrescriptionState.PendingCollection => IsReady ? ReadyLabel : "Pending collection",
        _ => State.ToString(),
    };

    /// <summary>Patients read "Collected" where staff read "Dispensed".</summary>
    public string PatientStateLabel => State switch
    {
        PrescriptionState.PendingCollection => IsReady ? ReadyLabel : "Pending collection",
        PrescriptionState.Dispensed => "Collected",
        PrescriptionState.Expired => "Expired",
        PrescriptionState.Cancelled => "Cancelled",
        _ => State.ToString(),
    };

    public const string ReadyLabel = "Ready to collect";

    /// <summary>Projects <paramref name="query"/> to views; the state is computed against <paramref name="now"/>.</summary>
    internal static async Task<List<PrescriptionView>> ListAsync(IQueryable<Prescription> query, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking().Select(p => new
        {
            p.Id, p.RxNumber, p.MedicationName, p.Strength, p.Form, p.Dosage, p.Frequency, p.Quantity, p.Refills,
            p.IssuedAt, p.ExpiresAt, p.Status, Patient = p.Patient.User.FullName, p.Patient.Hpn, p.PatientId,
            Prescriber = p.Prescriber.User.FullName, p.PrescriberId,
            Pharmacy = new PharmacyContact(p.Pharmacy.Name, p.Pharmacy.Code, p.Pharmacy.Address, p.Pharmacy.City,
                p.Pharmacy.Postcode, p.Pharmacy.Phone, p.Pharmacy.Email, p.Pharmacy.OpeningHours),
            p.DispensedAt, DispensedBy = p.DispensedByPharmacy != null ? p.DispensedByPharmacy.Name : null,
            p.CancelledAt, p.CancellationReason, p.Schedule, p.RiskLevel, p.Token, p.Request.Reference,
            p.RepeatNumber, p.RepeatsAuthorised, p.ReadyAt,
            Previous = p.Previous != null ? p.Previous.RxNumber : null, Next = p.Next != null ? p.Next.RxNumber : null,
        }).ToListAsync(cancellationToken);

        return rows.ConvertAll(r => new PrescriptionView(
            r.Id, r.RxNumber, r.MedicationName, r.Strength, r.Form, r.Dosage, r.Frequency, r.Quantity, r.Refills,
            r.IssuedAt, r.ExpiresAt,
            Prescription.StateAt(r.Status, r.ExpiresAt, now),
            r.Patient, r.Hpn, r.PatientId, r.Prescriber, r.PrescriberId, r.Pharmacy, r.DispensedAt, r.DispensedBy,
            r.CancelledAt, r.CancellationReason, r.Schedule, r.RiskLevel, r.Token, r.Reference,
            r.RepeatNumber, r.RepeatsAuthorised, r.Previous, r.Next, r.ReadyAt));
    }
}
