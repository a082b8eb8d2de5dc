using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>Reading prescriptions with role and relationship checks, and the prescriber's cancellation.</summary>
public sealed class Prescriptions(
    IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit, Notifier notifier, IQueueEvents queue, TimeProvider time)
{
    /// <summary>The patient's own prescriptions, newest first.</summary>
    public async Task<IReadOnlyList<PrescriptionView>> ForPatientAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Prescriptions.Where(p => actor.IsPatient && p.PatientId == actor.PatientId)
            .OrderByDescending(p => p.IssuedAt).ThenByDescending(p => p.Id);
        return await PrescriptionView.ListAsync(mine, Now, cancellationToken);
    }

    /// <summary>Prescriptions the doctor issued, newest first.</summary>
    public async Task<IReadOnlyList<PrescriptionView>> IssuedByAsync(Actor actor, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Prescriptions.Where(p => actor.IsDoctor && p.PrescriberId == actor.DoctorId)
            .OrderByDescending(p => p.IssuedAt).ThenByDescending(p => p.Id).Take(take);
        return await PrescriptionView.ListAsync(mine, Now, cancellationToken);
    }

    /// <summary>
    /// One prescription for its token page, or null when it does not exist or the actor has no reason to see it
    /// (only the patient, the prescriber, the nominated pharmacy's pharmacists and admins do).
    /// </summary>
    public async Task<PrescriptionView?> FindForAsync(Actor actor, string rxNumber, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Prescriptions.Where(p => p.RxNumber == rxNumber).Where(PrescriptionAccess.VisibleTo(actor));
        return (await PrescriptionView.ListAsync(query, Now, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// The prescriptions of one request that the actor may open on the token page (<see cref="PrescriptionAccess"/>), in
    /// the order they were issued; none when the request is unknown or not the actor's to see.
    /// </summary>
    public async Task<IReadOnlyList<PrescriptionView>> ForRequestAsync(Actor actor, string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Prescriptions.Where(p => p.Request.Reference == reference).Where(PrescriptionAccess.VisibleTo(actor))
            .OrderBy(p => p.IssuedAt).ThenBy(p => p.Id).Take(100);
        return await PrescriptionView.ListAsync(query, Now, cancellationToken);
    }

    /// <summary>
    /// The prescriber cancels a prescription that has not been dispensed (one conditional UPDATE); the patient's email
    /// is written to the outbox in the same transaction.
    /// </summary>
    public async Task<CommandResult> CancelAsync(Actor actor, string rxNumber, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return CommandResult.Invalid(new Dictionary<string, string> { ["reason"] = "Give a reason for the cancellation." });
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var cancelledAt = await db.InTransactionAsync(async ct =>
        {
            var changed = await db.Prescriptions
                .Where(p => p.RxNumber == rxNumber && actor.IsDoctor && p.PrescriberId == actor.DoctorId
                    && p.Status == PrescriptionState.PendingCollection)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Status, PrescriptionState.Cancelled)
                    .SetProperty(p => p.CancelledAt, now)
                    .SetProperty(p => p.CancelledByUserId, actor.UserId)
                    .SetProperty(p => p.CancellationReason, Text.Clip(reason.Trim(), 1000)), ct);
            if (changed == 0)
            {
                return (int?)null;
            }

            await audit.AppendAsync(db, "cancellation", actor.UserId, rxNumber, new { reason = Text.Clip(reason.Trim(), 200) }, ct);
            var cancelled = await db.Prescriptions.Where(p => p.RxNumber == rxNumber).Select(p => new { p.Id, p.PharmacyId }).SingleAsync(ct);
            await notifier.CancelledAsync(db, cancelled.Id, Text.Clip(reason.Trim(), 1000), now, ct);
            await db.SaveChangesAsync(ct);
            return cancelled.PharmacyId;
        }, cancellationToken);
        if (cancelledAt is { } pharmacyId)
        {
            queue.Publish(new QueueChanged(pharmacyId, QueueChangeKind.Cancelled, rxNumber, now));
        }

        return cancelledAt is not null
            ? CommandResult.Ok($"{rxNumber} cancelled; it can no longer be dispensed.")
            : CommandResult.Fail($"{rxNumber} cannot be cancelled: it was dispensed or cancelled already, or you did not issue it.");
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
