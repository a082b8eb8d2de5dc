using Eps.Core.Data;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>
/// Tells open triage inboxes and review lists that a request changed, once the change is committed, through the queue
/// events' transport (so they reach other instances as queue changes do).
/// </summary>
internal static class RequestChanges
{
    public static async Task PublishAsync(EpsDbContext db, IQueueEvents events, int requestId, QueueChangeKind kind, DateTime at)
    {
        // Not cancellable: the change is committed, and the lists must hear of it even if the caller has gone.
        var request = await db.PrescriptionRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Select(r => new { r.PharmacyId, r.Reference }).FirstOrDefaultAsync(CancellationToken.None);
        if (request is not null)
        {
            events.Publish(new QueueChanged(request.PharmacyId, kind, request.Reference, at));
        }
    }
}
