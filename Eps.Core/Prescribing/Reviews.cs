using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>Which requests the doctor's review list shows.</summary>
public enum ReviewFilter
{
    Open,
    AwaitingDoctor,
    Submitted,
    Approved,
    Rejected,
}

/// <summary>A request under review, with the patient's earlier prescriptions.</summary>
public sealed record ReviewView(RequestView Request, IReadOnlyList<PrescriptionView> History);

/// <summary>The doctor's side: the review list, a request's review page, approve and reject.</summary>
public sealed class Reviews(
    IDbContextFactory<EpsDbContext> dbFactory, Approvals approvals, Notifier notifier, AuditTrail audit, IQueueEvents events, TimeProvider time)
{
    public async Task<IReadOnlyList<RequestView>> ListAsync(Actor actor, ReviewFilter filter, string? search, CancellationToken cancellationToken)
    {
        if (!actor.IsDoctor)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.PrescriptionRequests.AsNoTracking();
        query = filter switch
        {
            ReviewFilter.AwaitingDoctor => query.Where(r => r.Status == RequestStatus.AwaitingDoctor),
            ReviewFilter.Submitted => query.Where(r => r.Status == RequestStatus.Submitted),
            ReviewFilter.Approved => query.Where(r => r.Status == RequestStatus.Approved),
            ReviewFilter.Rejected => query.Where(r => r.Status == RequestStatus.Rejected),
            _ => query.Where(r => r.Status == RequestStatus.AwaitingDoctor || r.Status == RequestStatus.Submitted),
        };

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SearchPattern.Containing(search);
            var hpn = Hpn.TryNormalize(search, out var digits) ? digits : null;
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
            query = query.Where(r => EF.Functions.Like(r.Patient.User.FullName.ToLower(), pattern, SearchPattern.Escape)
                || EF.Functions.Like(r.Reference.ToLower(), pattern, SearchPattern.Escape) || r.Patient.Hpn == hpn);
#pragma warning restore CA1304, CA1311
        }

        // Escalated first, then forwarded, then untriaged; oldest first within each.
        var ordered = query
            .OrderBy(r => r.Status == RequestStatus.AwaitingDoctor ? (r.Escalated ? 0 : 1) : 2)
            .ThenBy(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Take(200);
        return await RequestQueries.Views(db, ordered).ToListAsync(cancellationToken);
    }

    public async Task<ReviewView?> GetAsync(Actor actor, int requestId, CancellationToken cancellationToken)
    {
        if (!actor.IsDoctor)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await RequestQueries.Views(db, db.PrescriptionRequests.AsNoTracking().Where(r => r.Id == requestId))
            .FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return null;
        }

        var history = db.Prescriptions.Where(p => p.PatientId == request.PatientId)
            .OrderByDescending(p => p.IssuedAt).ThenByDescending(p => p.Id).Take(20);
        return new ReviewView(request, await PrescriptionView.ListAsync(history, time.GetUtcNow().UtcDateTime, cancellationToken));
    }

    public Task<ApprovalResult> ApproveAsync(Actor actor, int requestId, IReadOnlyList<ItemDecision> decisions, string? clinicalNotes,
        CancellationToken cancellationToken) =>
        approvals.ApproveAsync(actor, requestId, decisions, clinicalNotes, cancellationToken);

    /// <summary>Approval signed with the doctor's authenticator code, required when any approved item is Schedule 2/3.</summary>
    public Task<ApprovalResult> ApproveAsync(Actor actor, int requestId, IReadOnlyList<ItemDecision> decisions, string? clinicalNotes,
        string? totpCode, CancellationToken cancellationToken) =>
        approvals.ApproveAsync(actor, requestId, decisions, clinicalNotes, totpCode, cancellationToken);

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
            var changed = await db.PrescriptionRequests
                .Where(r => r.Id == requestId && actor.IsDoctor && (r.Status == RequestStatus.Submitted || r.Status == RequestStatus.AwaitingDoctor))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, RequestStatus.Rejected)
                    .SetProperty(r => r.ReviewedByDoctorId, actor.DoctorId)
                    .SetProperty(r => r.ReviewedAt, now)
                    .SetProperty(r => r.RejectedByUserId, actor.UserId)
                    .SetProperty(r => r.RejectionReason, Text.Clip(reason, Rejection.ReasonLength)), ct);
            return changed == 0
                ? CommandResult.Fail("This request has already been decided.")
                : await Rejection.CompleteAsync(db, notifier, audit, actor, requestId, reason, "doctor", ct);
        }, cancellationToken);
        if (result.Succeeded)
        {
            await RequestChanges.PublishAsync(db, events, requestId, QueueChangeKind.RequestRejected, now);
        }

        return result;
    }
}
