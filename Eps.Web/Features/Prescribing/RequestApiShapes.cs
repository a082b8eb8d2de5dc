using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;

namespace Eps.Web.Features.Prescribing;

/// <summary>Maps the prescribing views the pages show to the API's snake_case records.</summary>
internal static class RequestApiShapes
{
    public static RequestResponse Request(RequestView r, bool forStaff) => new(
        r.Id, r.Reference, Status(r.Status), RequestRules.Describe(r.Status), r.SubmittedAt, r.Reason,
        forStaff ? r.PatientName : null, forStaff ? Hpn.Format(r.PatientHpn) : null,
        new PharmacyRef(r.PharmacyId, r.PharmacyName, r.PharmacyCity), r.Escalated,
        forStaff ? r.TriageNote : null, r.ReviewerName, r.RejectionReason, r.HasControlled, r.HasHighRisk,
        [.. r.Items.Select(i => new RequestItemResponse(
            i.Id, i.DrugId, i.Medication, i.Strength, i.Form, i.QuantityRequested, i.Notes, PriorityName(i.Priority),
            i.Schedule.IsControlled(), i.Risk.IsHighRisk(), ScheduleName(i.Schedule),
            i.Approved, i.ApprovedQuantity, i.ApprovedDosage, i.ApprovedFrequency, i.Refills))],
        r.PrescriptionIds,
        [.. r.Timeline.Select(t => new TimelineResponse(t.At, t.Title, t.Detail))]);

    public static RequestListResponse Requests(IReadOnlyList<RequestView> views, bool forStaff) =>
        new(views.Count, [.. views.Select(v => Request(v, forStaff))]);

    public static MedicationResponse Medication(PrescriptionView p)
    {
        // The token is only handed out while it can be used, as the token page only draws its codes then.
        var usable = p.State == PrescriptionState.PendingCollection && p.Token.Length > 0;
        var c = p.Pharmacy;
        return new MedicationResponse(
            p.Id, p.RxNumber, p.Medication, p.Strength, p.Form, p.Dosage, p.Frequency, p.Quantity, p.Refills,
            State(p.State), p.PatientStateLabel, p.IssuedAt, p.ExpiresAt, p.PrescriberName, p.RequestReference,
            new NominatedPharmacyResponse(c.Name, c.Code, c.Address, c.City, c.Postcode, c.Phone, c.Email),
            PriorityName(p.Priority), p.Schedule.IsControlled(), p.Risk.IsHighRisk(), p.Schedule.IsControlled(), ScheduleName(p.Schedule),
            p.DispensedAt, p.DispensedBy, p.CancelledAt, p.CancellationReason,
            usable ? p.Token : null, usable ? p.Token : null, $"/prescriptions/{p.RxNumber}/token");
    }

    public static MedicationListResponse Medications(IReadOnlyList<PrescriptionView> views) =>
        new(views.Count, [.. views.Select(Medication)]);

    public static DrugResponse Drug(Drug d) => new(
        d.Id, d.GenericName, [.. d.StrengthList], d.Form, d.Category, PriorityName(d.Priority), d.IsControlled, d.IsHighRisk,
        ScheduleName(d.Schedule));

    public static PharmacyResponse Pharmacy(Pharmacy p) => new(p.Id, p.Code, p.Name, p.Address, p.City, p.Postcode, p.Phone);

    public static ApiKeyResponse ApiKey(ApiKeyRow k, string? key = null) =>
        new(k.Id, k.PharmacyCode, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt, k.IsActive, key);

    public static string Status(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => "submitted",
        RequestStatus.AwaitingDoctor => "awaiting_doctor",
        RequestStatus.Approved => "approved",
        RequestStatus.Rejected => "rejected",
        RequestStatus.Withdrawn => "withdrawn",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Patients read "collected" where staff read "dispensed".</summary>
    public static string State(PrescriptionState state) => state switch
    {
        PrescriptionState.PendingCollection => "pending_collection",
        PrescriptionState.Dispensed => "collected",
        PrescriptionState.Expired => "expired",
        PrescriptionState.Cancelled => "cancelled",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string PriorityName(Priority priority) => priority switch
    {
        Priority.Controlled => "controlled",
        Priority.HighRisk => "high_risk",
        _ => "routine",
    };

    public static string? ScheduleName(DrugSchedule schedule) =>
        schedule == DrugSchedule.None ? null : ((int)schedule).ToString(CultureInfo.InvariantCulture);
}
