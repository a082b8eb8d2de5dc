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
        var issued = time.GetUtcNow().UtcDateTime;
        var medication = string.IsNullOrEmpty(item.Strength) ? item.Drug.GenericName : $"{item.Drug.GenericName} {item.Strength}";
        var (rxNumber, nonce, token, expires) = await SignAsync(db, issued, item.PatientHpn, medication, item.Quantity, item.PharmacyCode, cancellationToken);

        var prescription = new Prescription
        {
            RxNumber = rxNumber, Nonce = nonce, Token = token, KeyId = codec.Read(token).Kid ?? "",
            PatientId = item.PatientId, PrescriberId = item.PrescriberId, PharmacyId = item.PharmacyId,
            RequestId = item.RequestId, RequestItemId = item.RequestItemId, DrugId = item.Drug.Id,
            MedicationName = item.Drug.GenericName, Strength = item.Strength, Form = item.Form,
            Schedule = item.Drug.Schedule, RiskLevel = item.Drug.RiskLevel,
            Dosage = item.Dosage, Frequency = item.Frequency, Quantity = item.Quantity, Refills = item.Refills,
            RepeatNumber = 0, RepeatsAuthorised = item.Refills,
            Indication = item.Indication, IssuedAt = issued, ExpiresAt = expires,
            Status = PrescriptionState.PendingCollection,
        };
        db.Prescriptions.Add(prescription);
        return prescription;
    }

    /// <summary>
    /// The next repeat of <paramref name="previousId"/>, issued and valid from <paramref name="issuedAt"/> (the dispense
    /// instant) at the pharmacy the previous one was collected from; null when it was the last. Same item, prescriber,
    /// dosing and grading as the previous one; a new ID, nonce and signed token. The unique link to the previous
    /// prescription makes a second issue fail at commit.
    /// </summary>
    public async Task<Prescription?> IssueRepeatAsync(EpsDbContext db, int previousId, DateTime issuedAt, CancellationToken cancellationToken)
    {
        var previous = await db.Prescriptions.AsNoTracking().Where(p => p.Id == previousId)
            .Select(p => new { Rx = p, p.Patient.Hpn, PharmacyCode = p.Pharmacy.Code }).SingleAsync(cancellationToken);
        var rx = previous.Rx;
        if (!RepeatText.HasNext(rx.RepeatNumber, rx.RepeatsAuthorised))
        {
            return null;
        }

        var (rxNumber, nonce, token, expires) = await SignAsync(
            db, issuedAt, previous.Hpn, rx.MedicationDisplay, rx.Quantity, previous.PharmacyCode, cancellationToken);
        var repeat = new Prescription
        {
            RxNumber = rxNumber, Nonce = nonce, Token = token, KeyId = codec.Read(token).Kid ?? "",
            PatientId = rx.PatientId, PrescriberId = rx.PrescriberId, PharmacyId = rx.PharmacyId,
            RequestId = rx.RequestId, RequestItemId = rx.RequestItemId, DrugId = rx.DrugId,
            MedicationName = rx.MedicationName, Strength = rx.Strength, Form = rx.Form, Route = rx.Route,
            Schedule = rx.Schedule, RiskLevel = rx.RiskLevel,
            Dosage = rx.Dosage, Frequency = rx.Frequency, Quantity = rx.Quantity,
            Refills = rx.RepeatsAuthorised - rx.RepeatNumber - 1,
            RepeatNumber = rx.RepeatNumber + 1, RepeatsAuthorised = rx.RepeatsAuthorised, PreviousPrescriptionId = rx.Id,
            Indication = rx.Indication, IssuedAt = issuedAt, ExpiresAt = expires,
            Status = PrescriptionState.PendingCollection,
        };
        db.Prescriptions.Add(repeat);
        return repeat;
    }

    /// <summary>A free ID, a fresh nonce and the signed token, valid for the configured days from <paramref name="issued"/>.</summary>
    private async Task<(string RxNumber, Guid Nonce, string Token, DateTime Expires)> SignAsync(
        EpsDbContext db, DateTime issued, string hpn, string medication, int quantity, string pharmacyCode, CancellationToken cancellationToken)
    {
        var expires = issued.AddDays(options.Value.ValidityDays);
        var rxNumber = await NewRxNumberAsync(db, cancellationToken);
        var nonce = Nonces.New();
        var token = codec.Issue(new TokenClaims(rxNumber, nonce, hpn, medication, quantity,
            new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)), pharmacyCode));
        return (rxNumber, nonce, token, expires);
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
