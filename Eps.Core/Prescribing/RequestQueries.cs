using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>Projects requests to <see cref="RequestView"/> in one query (items and prescription IDs included).</summary>
internal static class RequestQueries
{
    public static IQueryable<RequestView> Views(EpsDbContext db, IQueryable<PrescriptionRequest> requests) =>
        requests.Select(r => new RequestView(
            r.Id, r.Reference, r.Status, r.SubmittedAt, r.Reason,
            r.PatientId, r.Patient.User.FullName, r.Patient.Hpn,
            r.PharmacyId, r.Pharmacy.Name, r.Pharmacy.City,
            r.Escalated, r.TriageNote, r.TriagedAt,
            r.ReviewedAt, r.ReviewedByDoctor != null ? r.ReviewedByDoctor.User.FullName : null, r.ClinicalNotes, r.RejectionReason,
            r.Items.OrderBy(i => i.Id).Select(i => new RequestItemView(
                i.Id, i.DrugId, i.Drug.GenericName, i.Strength, i.Form, i.QuantityRequested, i.Notes,
                i.Drug.Schedule, i.Drug.RiskLevel, i.Approved, i.ApprovedQuantity, i.ApprovedDosage, i.ApprovedFrequency,
                i.RefillsAllowed)).ToList(),
            // The prescriptions the approval issued; repeats appear with the patient's prescriptions as they are issued.
            db.Prescriptions.Where(p => p.RequestId == r.Id && p.RepeatNumber == 0).OrderBy(p => p.Id).Select(p => p.RxNumber).ToList(),
            r.WithdrawnAt));
}
