using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Interop;

/// <summary>
/// Read-only FHIR R4 export of prescriptions for those entitled to them (patient, prescriber, the nominated pharmacy,
/// admin); anyone else finds nothing, exactly as for a prescription that does not exist.
/// </summary>
public sealed class FhirExport(IDbContextFactory<EpsDbContext> dbFactory, TimeProvider time)
{
    public async Task<MedicationRequest?> MedicationRequestAsync(Actor actor, string rxNumber, CancellationToken cancellationToken) =>
        (await FindAsync(actor, p => p.RxNumber == rxNumber, cancellationToken)).Select(FhirMapping.ToMedicationRequest).FirstOrDefault();

    /// <summary>The dispense of a prescription, or null when it is unknown, not the actor's to see, or not dispensed yet.</summary>
    public async Task<MedicationDispense?> MedicationDispenseAsync(Actor actor, string rxNumber, CancellationToken cancellationToken) =>
        (await FindAsync(actor, p => p.RxNumber == rxNumber, cancellationToken)).Select(FhirMapping.ToMedicationDispense).FirstOrDefault();

    /// <summary>
    /// A searchset Bundle of the MedicationRequests of one patient request (its group identifier), in the order they were
    /// issued; with <paramref name="includeDispenses"/> the dispenses of those collected follow as included entries.
    /// An unknown request, or one the actor may not see, gives an empty Bundle.
    /// </summary>
    public async Task<Bundle> RequestBundleAsync(
        Actor actor, string requestReference, bool includeDispenses, Uri fhirBase, Uri self, CancellationToken cancellationToken)
    {
        var prescriptions = await FindAsync(actor, p => p.Request.Reference == requestReference, cancellationToken);
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = prescriptions.Count,
            Timestamp = time.GetUtcNow(),
            Link = [new Bundle.LinkComponent { Relation = "self", Url = self.AbsoluteUri }],
        };
        foreach (var rx in prescriptions)
        {
            bundle.Entry.Add(Entry(fhirBase, FhirMapping.ToMedicationRequest(rx), Bundle.SearchEntryMode.Match));
        }

        if (includeDispenses)
        {
            foreach (var dispense in prescriptions.Select(FhirMapping.ToMedicationDispense).OfType<MedicationDispense>())
            {
                bundle.Entry.Add(Entry(fhirBase, dispense, Bundle.SearchEntryMode.Include));
            }
        }

        return bundle;
    }

    private static Bundle.EntryComponent Entry(Uri fhirBase, Resource resource, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = new Uri(fhirBase, $"{resource.TypeName}/{resource.Id}").AbsoluteUri,
        Resource = resource,
        Search = new Bundle.SearchComponent { Mode = mode },
    };

    private async Task<List<FhirPrescription>> FindAsync(
        Actor actor, System.Linq.Expressions.Expression<Func<Prescription, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Prescriptions.AsNoTracking().Where(which).Where(PrescriptionAccess.VisibleTo(actor))
            .OrderBy(p => p.IssuedAt).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.RxNumber, p.Request.Reference, p.Status, p.IssuedAt, p.ExpiresAt, p.MedicationName, p.Strength, p.Form, p.Route,
                p.Dosage, p.Frequency, p.Quantity, p.Refills, Patient = p.Patient.User.FullName, p.Patient.Hpn,
                Prescriber = p.Prescriber.User.FullName, p.Prescriber.RegistrationNumber, Pharmacy = p.Pharmacy.Name, PharmacyCode = p.Pharmacy.Code,
                Previous = p.Previous != null ? p.Previous.RxNumber : null, p.CancelledAt, p.CancellationReason, p.DispensedAt,
                DispensedByName = p.DispensedByPharmacy != null ? p.DispensedByPharmacy.Name : null,
                DispensedByCode = p.DispensedByPharmacy != null ? p.DispensedByPharmacy.Code : null, p.DispensingPharmacistName,
            })
            .Take(100)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return rows.ConvertAll(r => new FhirPrescription(
            r.RxNumber, r.Reference, Prescription.StateAt(r.Status, r.ExpiresAt, now), r.IssuedAt, r.ExpiresAt,
            r.MedicationName, r.Strength, r.Form, r.Route, r.Dosage, r.Frequency, r.Quantity, r.Refills,
            r.Patient, r.Hpn, r.Prescriber, r.RegistrationNumber, r.Pharmacy, r.PharmacyCode, r.Previous,
            r.CancelledAt, r.CancellationReason, r.DispensedAt, r.DispensedByName, r.DispensedByCode, r.DispensingPharmacistName));
    }
}
