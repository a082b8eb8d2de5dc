using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Dispensing;

/// <summary>How marking a prescription ready ended.</summary>
public enum ReadyStatus
{
    Ready,
    AlreadyReady,
    NotFound,
    WrongPharmacy,
    NotPending,
}

/// <summary>
/// The outcome of marking a prescription ready: when it became ready, whether the patient was emailed (not when an email
/// about the same patient and pharmacy went out shortly before), and the state that refused it.
/// </summary>
public sealed record ReadyOutcome(ReadyStatus Status, string Message, DateTime? ReadyAt = null, bool Emailed = false, PrescriptionState? State = null)
{
    public bool Succeeded => Status is ReadyStatus.Ready or ReadyStatus.AlreadyReady;
}

/// <summary>
/// The nominated pharmacy marks a pending prescription ready for collection (stock prepared). The prescription stays
/// pending and dispensable; only <see cref="Prescription.ReadyAt"/> is set, by one conditional UPDATE, with the audit
/// entry and the patient's email in the same transaction. Marking it again changes nothing.
/// </summary>
public sealed class ReadyForCollection(
    IDbContextFactory<EpsDbContext> dbFactory, Notifier notifier, AuditTrail audit, IQueueEvents queue, TimeProvider time)
{
    public const string AuditKind = "prescription-ready";

    public async Task<ReadyOutcome> MarkReadyAsync(Actor actor, string rxNumber, CancellationToken cancellationToken)
    {
        if (!actor.IsPharmacist)
        {
            return new(ReadyStatus.WrongPharmacy, "Only a pharmacist of the nominated pharmacy can mark a prescription ready.");
        }

        var id = (rxNumber ?? "").Trim().ToUpperInvariant();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var outcome = await db.InTransactionAsync(async ct =>
        {
            var changed = await db.Prescriptions
                .Where(p => p.RxNumber == id && p.PharmacyId == actor.PharmacyId && p.Status == PrescriptionState.PendingCollection
                    && p.ExpiresAt > now && p.ReadyAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReadyAt, now).SetProperty(p => p.ReadyByUserId, actor.UserId), ct);
            if (changed == 0)
            {
                return await ExplainAsync(db, actor, id, now, ct);
            }

            // The audit append bumps the chain head first, so concurrent marks queue behind each other here and the
            // quiet-period check in ReadyAsync sees the emails of those committed before it.
            await audit.AppendAsync(db, AuditKind, actor.UserId, id, new { pharmacy_id = actor.PharmacyId }, ct);
            var prescriptionId = await db.Prescriptions.Where(p => p.RxNumber == id).Select(p => p.Id).SingleAsync(ct);
            var emailed = await notifier.ReadyAsync(db, prescriptionId, ct);
            await db.SaveChangesAsync(ct);
            return new ReadyOutcome(ReadyStatus.Ready,
                emailed ? $"{id} is ready for collection; the patient has been emailed." : $"{id} is ready for collection.", now, emailed);
        }, cancellationToken);

        if (outcome.Status == ReadyStatus.Ready)
        {
            queue.Publish(new QueueChanged(actor.PharmacyId!.Value, QueueChangeKind.Ready, id, now));
        }

        return outcome;
    }

    /// <summary>Why nothing was updated: no such prescription, another pharmacy's, no longer pending, or ready already.</summary>
    private static async Task<ReadyOutcome> ExplainAsync(EpsDbContext db, Actor actor, string id, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.Prescriptions.AsNoTracking().Where(p => p.RxNumber == id)
            .Select(p => new { p.PharmacyId, p.Status, p.ExpiresAt, p.ReadyAt, Pharmacy = p.Pharmacy.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return new(ReadyStatus.NotFound, "Prescription not found");
        }

        if (row.PharmacyId != actor.PharmacyId)
        {
            return new(ReadyStatus.WrongPharmacy, $"Only a pharmacist of the nominated pharmacy ({row.Pharmacy}) may mark this prescription ready");
        }

        var state = Prescription.StateAt(row.Status, row.ExpiresAt, now);
        if (state != PrescriptionState.PendingCollection)
        {
            var why = state switch
            {
                PrescriptionState.Dispensed => "it has been dispensed",
                PrescriptionState.Cancelled => "the prescriber cancelled it",
                _ => "it has expired",
            };
            return new(ReadyStatus.NotPending, $"{id} cannot be marked ready: {why}.", State: state);
        }

        return new(ReadyStatus.AlreadyReady, $"{id} was already marked ready.", row.ReadyAt);
    }
}
