using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Eps.Core.Prescribing;

/// <summary>
/// What a doctor approved for one request item, with the parties the prescription links. The drug's schedule and risk
/// are copied onto the prescription as the catalogue grades them now; a later change of the catalogue does not touch it.
/// </summary>
public sealed record IssueItem(
    int PatientId, string PatientHpn, int PrescriberId, int PharmacyId, string PharmacyCode,
    int RequestId, int RequestItemId, Drug Drug, string Strength, string Form,
    string Dosage, string Frequency, int Quantity, int Refills, string? Indication);

/// <summary>Creates a prescription with its ID, nonce and signed token. The caller saves it inside its transaction.</summary>
public sealed class PrescriptionIssuer(PrescriptionTokenCodec codec, IOptions<TokenOptions> options, TimeProvider time)
{
    public async Task<Prescription> IssueAsync(EpsDbContext db, IssueItem item, CancellationToken cancellationToken)
    {
        var issued = time.GetUtcNow();
        var expires = issued.AddDays(options.Value.ValidityDays);
        var rxNumber = await NewRxNumberAsync(db, cancellationToken);
        var nonce = Nonces.New();
        var medication = string.IsNullOrEmpty(item.Strength) ? item.Drug.GenericName : $"{item.Drug.GenericName} {item.Strength}";
        var token = codec.Issue(new TokenClaims(rxNumber, nonce, item.PatientHpn, medication, item.Quantity, expires, item.PharmacyCode));

        var prescription = new Prescription
        {
            RxNumber = rxNumber, Nonce = nonce, Token = token, KeyId = codec.Read(token).Kid ?? "",
            PatientId = item.PatientId, PrescriberId = item.PrescriberId, PharmacyId = item.PharmacyId,
            RequestId = item.RequestId, RequestItemId = item.RequestItemId, DrugId = item.Drug.Id,
            MedicationName = item.Drug.GenericName, Strength = item.Strength, Form = item.Form,
            Schedule = item.Drug.Schedule, RiskLevel = item.Drug.RiskLevel,
            Dosage = item.Dosage, Frequency = item.Frequency, Quantity = item.Quantity, Refills = item.Refills,
            Indication = item.Indication, IssuedAt = issued.UtcDateTime, ExpiresAt = expires.UtcDateTime,
            Status = PrescriptionState.PendingCollection,
        };
        db.Prescriptions.Add(prescription);
        return prescription;
    }

    private async Task<string> NewRxNumberAsync(EpsDbContext db, CancellationToken cancellationToken)
    {
        // Random 8-digit numbers are not guessable in sequence; a collision is rare and simply drawn again.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var candidate = PrescriptionIds.New(options.Value.PrescriptionIdPrefix);
            var pending = db.ChangeTracker.Entries<Prescription>().Any(e => e.Entity.RxNumber == candidate);
            if (!pending && !await db.Prescriptions.AnyAsync(p => p.RxNumber == candidate, cancellationToken))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Could not draw a free prescription ID; the number space is nearly full.");
    }
}
