using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>One medicine copied onto a new request form; <see cref="Strength"/> is null when the catalogue no longer lists it.</summary>
public sealed record DraftItem(Drug Drug, string? Strength, int Quantity);

/// <summary>
/// A new request prefilled from an earlier one, for the patient to review and send. What can no longer be requested
/// (a retired medicine, a pharmacy that takes no nominations) is left out and said in <see cref="LeftOut"/>.
/// </summary>
public sealed record RequestDraft(string Source, IReadOnlyList<DraftItem> Items, Pharmacy? Pharmacy, IReadOnlyList<string> LeftOut);

/// <summary>"Request again": the patient's own earlier request or prescription as a draft of a new request.</summary>
public sealed class RequestAgain(IDbContextFactory<EpsDbContext> dbFactory)
{
    /// <summary>The medicines (drug, strength, quantity asked for) and pharmacy of the patient's request, or null if it is not theirs.</summary>
    public async Task<RequestDraft?> FromRequestAsync(Actor actor, string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.PrescriptionRequests.AsNoTracking()
            .Where(r => actor.IsPatient && r.PatientId == actor.PatientId && r.Reference == reference)
            .Select(r => new { r.Reference, r.Pharmacy, Items = r.Items.OrderBy(i => i.Id).Select(i => new { i.Drug, i.Strength, i.QuantityRequested }).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return request is null ? null : Draft(request.Reference, [.. request.Items.Select(i => (i.Drug, i.Strength, i.QuantityRequested))], request.Pharmacy);
    }

    /// <summary>The medicine (drug, strength, quantity prescribed) and pharmacy of the patient's prescription, or null if it is not theirs.</summary>
    public async Task<RequestDraft?> FromPrescriptionAsync(Actor actor, string rxNumber, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rx = await db.Prescriptions.AsNoTracking()
            .Where(p => actor.IsPatient && p.PatientId == actor.PatientId && p.RxNumber == rxNumber)
            .Select(p => new { p.RxNumber, p.Drug, p.Strength, p.Quantity, p.Pharmacy })
            .FirstOrDefaultAsync(cancellationToken);
        return rx is null ? null : Draft(rx.RxNumber, [(rx.Drug, rx.Strength, rx.Quantity)], rx.Pharmacy);
    }

    private static RequestDraft Draft(string source, IReadOnlyList<(Drug Drug, string Strength, int Quantity)> items, Pharmacy pharmacy)
    {
        var leftOut = new List<string>();
        var kept = new List<DraftItem>();
        foreach (var (drug, strength, quantity) in items.Take(RequestRules.MaxItems))
        {
            if (drug.RetiredAt is not null)
            {
                leftOut.Add($"{drug.GenericName} {strength} is no longer in the catalogue and was left out; ask the pharmacy or a doctor what replaces it.");
                continue;
            }

            var listed = drug.StrengthList.Contains(strength);
            if (!listed)
            {
                leftOut.Add($"{drug.GenericName} is no longer made in {strength}: choose a strength.");
            }

            kept.Add(new DraftItem(drug, listed ? strength : null, Math.Clamp(quantity, 1, RequestRules.MaxQuantity)));
        }

        if (pharmacy.DeactivatedAt is not null)
        {
            leftOut.Add($"{pharmacy.Name} no longer takes nominations: choose another pharmacy.");
        }

        return new RequestDraft(source, kept, pharmacy.DeactivatedAt is null ? pharmacy : null, leftOut);
    }
}
