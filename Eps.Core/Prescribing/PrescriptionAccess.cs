using System.Linq.Expressions;
using Eps.Core.Accounts;

namespace Eps.Core.Prescribing;

/// <summary>Who may see a prescription: its patient, its prescriber, its pharmacy's pharmacists, and admins.</summary>
public static class PrescriptionAccess
{
    /// <summary>The rule as a query filter, so that a prescription the actor may not see reads exactly like a missing one.</summary>
    public static Expression<Func<Prescription, bool>> VisibleTo(Actor actor) => p =>
        actor.IsAdmin
        || (actor.IsPatient && p.PatientId == actor.PatientId)
        || (actor.IsDoctor && p.PrescriberId == actor.DoctorId)
        || (actor.IsPharmacist && p.PharmacyId == actor.PharmacyId);
}
