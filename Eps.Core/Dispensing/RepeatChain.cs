using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Dispensing;

/// <summary>The repeat a collected prescription issued, as the counter's "already dispensed" answers name it.</summary>
internal static class RepeatChain
{
    public const string AlreadyDispensedReason = "Prescription already dispensed";

    /// <summary>The repeat issued when <paramref name="prescriptionId"/> was collected, if any.</summary>
    public static Task<NextRepeat?> NextAsync(EpsDbContext db, int prescriptionId, CancellationToken cancellationToken) =>
        db.Prescriptions.AsNoTracking().Where(p => p.PreviousPrescriptionId == prescriptionId)
            .Select(p => new NextRepeat(p.RxNumber, p.RepeatNumber, p.RepeatsAuthorised, p.PharmacyId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Who dispensed <paramref name="row"/> and, when its collection issued a repeat, which one. The repeat's ID is told
    /// only to staff of the pharmacy it is nominated to: an anonymous verify of an old token learns that a repeat exists,
    /// not how to name it.
    /// </summary>
    public static async Task<DispensedInfo?> DispensedInfoAsync(
        EpsDbContext db, CounterPrescription row, RequestOrigin caller, CancellationToken cancellationToken)
    {
        var info = row.DispensedInfo();
        if (info is null || !RepeatText.HasNext(row.RepeatNumber, row.RepeatsAuthorised))
        {
            return info;
        }

        var next = await NextAsync(db, row.Id, cancellationToken);
        return next is null
            ? info
            : info with
            {
                NextRepeat = RepeatText.Label(next.RepeatNumber, next.RepeatsAuthorised),
                NextPrescriptionId = caller.PharmacyId is { } pharmacy && pharmacy == next.PharmacyId ? next.RxNumber : null,
            };
    }

    /// <summary>"Prescription already dispensed — repeat 1 of 2 was issued as PHB-RX-…", or the plain reason without a repeat.</summary>
    public static string AlreadyDispensed(DispensedInfo? info) => info?.NextRepeat is not { Length: > 0 } label
        ? AlreadyDispensedReason
        : $"{AlreadyDispensedReason} — {char.ToLowerInvariant(label[0])}{label[1..]} was issued"
            + (info.NextPrescriptionId is { } id ? $" as {id}" : " as a new token");
}

/// <summary>A repeat as the counter names it.</summary>
internal sealed record NextRepeat(string RxNumber, int RepeatNumber, int RepeatsAuthorised, int PharmacyId);
