using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>A pharmacist's triage of requests nominated to their pharmacy: forward, escalate or reject.</summary>
public sealed class Triage(IDbContextFactory<EpsDbContext> dbFactory, Notifier notifier, AuditTrail audit, IQueueEvents events, TimeProvider time)
{
    /// <summary>Submitted requests for the pharmacist's pharmacy, oldest first.</summary>
    public async Task<IReadOnlyList<RequestView>> InboxAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsPharmacist)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inbox = db.PrescriptionRequests.AsNoTracking()
            .Where(r => r.PharmacyId == actor.PharmacyId && r.Status == RequestStatus.Submitted)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id);
        return await RequestQueries.Views(db, inbox).ToListAsync(cancellationToken);
    }

    public Task<CommandResult> ForwardAsync(Actor actor, int requestId, CancellationToken cancellationToken) =>
        MoveAsync(actor, requestId, escalate: false, note: null, cancellationToken);

    public Task<CommandResult> EscalateAsync(Actor actor, int requestId, string note, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(note)
            ? Task.FromResult(CommandResult.Invalid(new Dictionary<string, string> { ["note"] = "Say why the doctor should look closely." }))
            : MoveAsync(actor, requestId, escalate: true, note.Trim(), cancellationToken);

    public async Task<CommandResult> RejectAsync(Actor actor, int requestId, string reason, CancellationToken cancellationToken)
    {
        if (Rejection.Check(reason) is { } invalid)
        {
            return invalid;
        }

        reason = reason.Trim();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = await db.InTransactionAsync(async ct =>
        {
            var changed = await Mine(db, actor, requestId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RequestStatus.Rejected)
                .SetProperty(r => r.TriagedAt, now)
                .SetProperty(r => r.TriagedByUserId, actor.UserId)
                .SetProperty(r => r.RejectedByUserId, actor.UserId)
                .SetProperty(r => r.RejectionReason, Text.Clip(reason, Rejection.ReasonLength)), ct);
            return changed == 0
                ? NotActionable()
                : await Rejection.CompleteAsync(db, notifier, audit, actor, requestId, reason, "pharmacy", ct);
        }, cancellationToken);
        if (result.Succeeded)
        {
            await RequestChanges.PublishAsync(db, events, requestId, QueueChangeKind.RequestRejected, now);
        }

        return result;
    }

    private async Task<CommandResult> MoveAsync(Actor actor, int requestId, bool escalate, string? note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await Mine(db, actor, requestId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, RequestStatus.AwaitingDoctor)
            .SetProperty(r => r.TriagedAt, now)
            .SetProperty(r => r.TriagedByUserId, actor.UserId)
            .SetProperty(r => r.Escalated, escalate)
            .SetProperty(r => r.TriageNote, Text.Clip(note, 1000)), cancellationToken);
        if (changed == 0)
        {
            return NotActionable();
        }

        await RequestChanges.PublishAsync(db, events, requestId, QueueChangeKind.RequestForwarded, now);
        return CommandResult.Ok(escalate ? "Escalated to a doctor." : "Forwarded to a doctor.");
    }

    /// <summary>Only a still-submitted request of the pharmacist's own pharmacy can be triaged (one conditional UPDATE).</summary>
    private static IQueryable<PrescriptionRequest> Mine(EpsDbContext db, Actor actor, int requestId) =>
        db.PrescriptionRequests.Where(r => r.Id == requestId && actor.IsPharmacist && r.PharmacyId == actor.PharmacyId
            && r.Status == RequestStatus.Submitted);

    private static CommandResult NotActionable() =>
        CommandResult.Fail("This request has already been handled or is not for your pharmacy. The list has been refreshed.");
}
