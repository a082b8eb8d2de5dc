using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>
/// Where a patient collects: the default pharmacy offered on the next request, and moving a prescription still
/// waiting for collection to another pharmacy. Both are audited with the pharmacy before and after.
/// </summary>
public sealed class Nominations(IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit, IQueueEvents queue, TimeProvider time)
{
    public const string NominationChangedKind = "nomination_changed";
    public const string PrescriptionMovedKind = "prescription_moved";

    /// <summary>Makes <paramref name="pharmacyId"/> the patient's pharmacy for future requests.</summary>
    public async Task<CommandResult> ChangeDefaultAsync(Actor actor, int pharmacyId, CancellationToken cancellationToken)
    {
        if (!actor.IsPatient)
        {
            return CommandResult.Fail("Only patients nominate a pharmacy.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await PharmacyChoice.Choosable(db).FirstOrDefaultAsync(p => p.Id == pharmacyId, cancellationToken);
        if (target is null)
        {
            return PharmacyUnavailable();
        }

        var changed = await db.InTransactionAsync(async ct =>
        {
            var before = await db.Patients.Where(p => p.Id == actor.PatientId).Select(p => p.DefaultPharmacy == null ? null : p.DefaultPharmacy.Code)
                .SingleAsync(ct);
            var updated = await db.Patients.Where(p => p.Id == actor.PatientId && p.DefaultPharmacyId != pharmacyId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.DefaultPharmacyId, pharmacyId), ct);
            if (updated == 0)
            {
                return false;
            }

            await audit.AppendAsync(db, NominationChangedKind, actor.UserId, target.Code, new { from = before, to = target.Code, via = "profile" }, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);

        return CommandResult.Ok(changed
            ? $"{target.Name}, {target.City} is now your pharmacy for new requests."
            : $"{target.Name}, {target.City} is already your pharmacy for new requests.");
    }

    /// <summary>
    /// Moves the patient's own prescription, while it waits for collection, to another pharmacy: one conditional UPDATE
    /// (still pending, not expired, still at the pharmacy it was read at) with its audit entry. The token is unchanged:
    /// verification and dispensing compare the pharmacy with the stored one, so it now works only at the new pharmacy.
    /// Both pharmacies' open queues update.
    /// </summary>
    public async Task<CommandResult> MoveAsync(Actor actor, string rxNumber, int pharmacyId, CancellationToken cancellationToken)
    {
        if (!actor.IsPatient)
        {
            return CommandResult.Fail("Only the patient can move a prescription to another pharmacy.");
        }

        var id = rxNumber.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await PharmacyChoice.Choosable(db).FirstOrDefaultAsync(p => p.Id == pharmacyId, cancellationToken);
        if (target is null)
        {
            return PharmacyUnavailable();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (moved, from) = await db.InTransactionAsync(async ct =>
        {
            var current = await ReadAsync(db, actor, id, ct);
            if (current is null || current.PharmacyId == pharmacyId)
            {
                return (false, current);
            }

            var updated = await db.Prescriptions
                .Where(p => p.RxNumber == id && p.PatientId == actor.PatientId && p.PharmacyId == current.PharmacyId
                    && p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now)
                // Stock prepared at the old pharmacy is not waiting at the new one.
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.PharmacyId, pharmacyId).SetProperty(p => p.ReadyAt, (DateTime?)null)
                    .SetProperty(p => p.ReadyByUserId, (string?)null), ct);
            if (updated == 0)
            {
                await db.Database.RollbackTransactionAsync(ct);
                return (false, await ReadAsync(db, actor, id, ct));
            }

            await audit.AppendAsync(db, PrescriptionMovedKind, actor.UserId, id, new
            {
                from = current.Code, to = target.Code, from_id = current.PharmacyId, to_id = target.Id,
            }, ct);
            await db.SaveChangesAsync(ct);
            return (true, current);
        }, cancellationToken);

        if (moved)
        {
            // The old pharmacy's queue loses the row (as a cancellation would take it away), the new one gains it.
            queue.Publish(new QueueChanged(from!.PharmacyId, QueueChangeKind.Cancelled, id, now));
            queue.Publish(new QueueChanged(target.Id, QueueChangeKind.Added, id, now));
            return CommandResult.Ok($"{id} moved to {target.Name}, {target.City}. Your token stays the same: show it there; " +
                $"{from.Name} can no longer dispense it.");
        }

        return CommandResult.Fail(from switch
        {
            null => $"{id} is not one of your prescriptions.",
            { PharmacyId: var at } when at == pharmacyId => $"{id} is already at {target.Name}.",
            { Status: PrescriptionState.Dispensed } => $"{id} was collected already, so it cannot be moved.",
            { Status: PrescriptionState.Cancelled } => $"{id} was cancelled by the prescriber, so it cannot be moved.",
            _ when from.ExpiresAt <= now => $"{id} has expired, so it cannot be moved.",
            _ => $"{id} changed while you were moving it; check it and try again.",
        });
    }

    private static Task<Current?> ReadAsync(EpsDbContext db, Actor actor, string id, CancellationToken cancellationToken) =>
        db.Prescriptions.AsNoTracking().Where(p => p.RxNumber == id && p.PatientId == actor.PatientId)
            .Select(p => new Current(p.PharmacyId, p.Pharmacy.Code, p.Pharmacy.Name, p.Status, p.ExpiresAt)).FirstOrDefaultAsync(cancellationToken);

    private static CommandResult PharmacyUnavailable() =>
        CommandResult.Invalid(new Dictionary<string, string> { ["pharmacy"] = "That pharmacy does not take nominations; choose another." });

    private sealed record Current(int PharmacyId, string Code, string Name, PrescriptionState Status, DateTime ExpiresAt);
}
