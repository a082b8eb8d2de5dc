using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Prescribing;

/// <summary>
/// Doctor approval as ONE transaction: the request's decision, one signed prescription per approved item, the items'
/// approved values. The first statement is a conditional UPDATE of the request's status, so a double click or two
/// doctors at once produce one set of prescriptions; the loser gets the winner's prescription IDs. Approving a
/// Schedule 2/3 item is a legal signature, checked by <see cref="ControlledSigning"/> before anything is written.
/// </summary>
public sealed class Approvals(
    IDbContextFactory<EpsDbContext> dbFactory, PrescriptionIssuer issuer, Notifier notifier, AuditTrail audit, IQueueEvents queue,
    ControlledSigning signing, TimeProvider time, ILogger<Approvals> logger)
{
    /// <summary>Approval without an authenticator code: enough for routine items; controlled items are refused.</summary>
    public Task<ApprovalResult> ApproveAsync(
        Actor actor, int requestId, IReadOnlyList<ItemDecision> decisions, string? clinicalNotes, CancellationToken cancellationToken) =>
        ApproveAsync(actor, requestId, decisions, clinicalNotes, totpCode: null, cancellationToken);

    public async Task<ApprovalResult> ApproveAsync(
        Actor actor, int requestId, IReadOnlyList<ItemDecision> decisions, string? clinicalNotes, string? totpCode,
        CancellationToken cancellationToken)
    {
        if (!actor.IsDoctor)
        {
            return new(false, "Only doctors can approve prescriptions.", []);
        }

        var errors = RequestRules.Validate(decisions);
        if (clinicalNotes?.Length > 2000)
        {
            errors["clinical_notes"] = "Keep clinical notes under 2000 characters.";
        }

        if (errors.Count > 0)
        {
            return new(false, "Please correct the highlighted fields.", [], Errors: errors);
        }

        if (await RetiredAsync(requestId, decisions, cancellationToken) is { Count: > 0 } retired)
        {
            var names = string.Join(", ", retired.Select(r => r.Name).Distinct());
            return new(false, $"{names} {(retired.Count == 1 ? "was" : "were")} withdrawn from the catalogue after this request was made and cannot be "
                + "approved. Untick it, or reject the request; nothing was issued.", [],
                Errors: retired.ToDictionary(r => $"item-{r.ItemId}.drug", r => $"{r.Name} has been withdrawn from the catalogue."));
        }

        // Signed before the transaction: a refused code must leave the request open, and the accepted time-step is
        // claimed even if the approval then loses a race, so the code cannot sign a second request.
        var signature = await signing.CheckAsync(actor, requestId, decisions, totpCode, cancellationToken);
        if (!signature.Succeeded)
        {
            return new(false, signature.Message, [], Errors: new Dictionary<string, string> { [ControlledSigning.Field] = signature.Message });
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var (result, pharmacyId) = await db.InTransactionAsync(async ct =>
            {
                var claimed = await db.PrescriptionRequests
                    .Where(r => r.Id == requestId && (r.Status == RequestStatus.Submitted || r.Status == RequestStatus.AwaitingDoctor))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.Status, RequestStatus.Approved)
                        .SetProperty(r => r.ReviewedByDoctorId, actor.DoctorId)
                        .SetProperty(r => r.ReviewedAt, now)
                        .SetProperty(r => r.ClinicalNotes, clinicalNotes == null ? null : clinicalNotes.Trim()), ct);
                if (claimed == 0)
                {
                    await db.Database.RollbackTransactionAsync(ct);
                    return (await AlreadyDecidedAsync(db, requestId, ct), (int?)null);
                }

                var (request, issued) = await IssueAsync(db, actor, requestId, decisions, clinicalNotes, ct);
                await notifier.ApprovedAsync(db, request, issued, ct);
                await audit.AppendAsync(db, "approval", actor.UserId, request.Reference, new
                {
                    prescriptions = issued.ConvertAll(p => p.RxNumber), pharmacy_id = request.PharmacyId, doctor_id = actor.DoctorId,
                    signed_2fa_step = signature.TimeStep,
                }, ct);
                await db.SaveChangesAsync(ct);
                var ids = issued.ConvertAll(p => p.RxNumber);
                return (new ApprovalResult(true, $"Approved: {string.Join(", ", ids)}", ids), request.PharmacyId);
            }, cancellationToken);

            if (pharmacyId is { } pharmacy)
            {
                foreach (var id in result.PrescriptionIds)
                {
                    queue.Publish(new QueueChanged(pharmacy, QueueChangeKind.Added, id, now));
                }

                await RequestChanges.PublishAsync(db, queue, requestId, QueueChangeKind.RequestApproved, now);

                logger.LogInformation("Request {RequestId} approved: {Count} prescriptions issued", requestId, result.PrescriptionIds.Count);
            }

            return result;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or DbUpdateException or RetryLimitExceededException)
        {
            // Nothing of the approval survives: the status change and every prescription roll back together.
            logger.LogWarning(e, "Approval of request {RequestId} failed and was rolled back", requestId);
            return new(false, $"Approval failed and nothing was saved: {e.Message}", []);
        }
    }

    private async Task<(PrescriptionRequest Request, List<Prescription> Issued)> IssueAsync(EpsDbContext db, Actor actor, int requestId, IReadOnlyList<ItemDecision> decisions,
        string? clinicalNotes, CancellationToken cancellationToken)
    {
        var request = await db.PrescriptionRequests
            .Include(r => r.Items).ThenInclude(i => i.Drug)
            .Include(r => r.Patient).Include(r => r.Pharmacy)
            .SingleAsync(r => r.Id == requestId, cancellationToken);
        var byId = decisions.ToDictionary(d => d.ItemId);
        if (byId.Keys.Except(request.Items.Select(i => i.Id)).Any())
        {
            throw new InvalidOperationException("the decisions name items that are not on this request.");
        }

        var issued = new List<Prescription>();
        foreach (var item in request.Items)
        {
            if (!byId.TryGetValue(item.Id, out var decision) || !decision.Approve)
            {
                item.Approved = false;
                continue;
            }

            if (item.Drug.RetiredAt is not null)
            {
                // Retired between the check above and this transaction: the whole approval rolls back.
                throw new InvalidOperationException($"{item.Drug.GenericName} was withdrawn from the catalogue and cannot be approved.");
            }

            item.Approved = true;
            item.ApprovedQuantity = decision.Quantity;
            item.ApprovedDosage = decision.Dosage.Trim();
            item.ApprovedFrequency = decision.Frequency.Trim();
            item.RefillsAllowed = decision.Refills;
            var prescription = await issuer.IssueAsync(db, new IssueItem(
                request.PatientId, request.Patient.Hpn, actor.DoctorId!.Value, request.PharmacyId, request.Pharmacy.Code,
                request.Id, item.Id, item.Drug, item.Strength, item.Form,
                item.ApprovedDosage, item.ApprovedFrequency, decision.Quantity, decision.Refills, clinicalNotes?.Trim()),
                cancellationToken);
            issued.Add(prescription);
        }

        return (request, issued);
    }

    /// <summary>
    /// The items to approve whose drug has left the catalogue since the request was made (a request still open: a decided
    /// one gets its own answer from the approval).
    /// </summary>
    private async Task<List<(int ItemId, string Name)>> RetiredAsync(int requestId, IReadOnlyList<ItemDecision> decisions, CancellationToken cancellationToken)
    {
        var approved = decisions.Where(d => d.Approve).Select(d => d.ItemId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.PrescriptionRequestItems.AsNoTracking()
            .Where(i => i.RequestId == requestId && approved.Contains(i.Id) && i.Drug.RetiredAt != null
                && (i.Request.Status == RequestStatus.Submitted || i.Request.Status == RequestStatus.AwaitingDoctor))
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.Drug.GenericName }).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => (r.Id, r.GenericName));
    }

    private static async Task<ApprovalResult> AlreadyDecidedAsync(EpsDbContext db, int requestId, CancellationToken cancellationToken)
    {
        var status = await db.PrescriptionRequests.Where(r => r.Id == requestId).Select(r => (RequestStatus?)r.Status)
            .FirstOrDefaultAsync(cancellationToken);
        if (status == RequestStatus.Approved)
        {
            var ids = await db.Prescriptions.Where(p => p.RequestId == requestId && p.RepeatNumber == 0).OrderBy(p => p.Id).Select(p => p.RxNumber)
                .ToListAsync(cancellationToken);
            return new(true, $"Already approved: {string.Join(", ", ids)}", ids, AlreadyDecided: true);
        }

        return status switch
        {
            null => new(false, "Request not found.", []),
            RequestStatus.Withdrawn => new(false, "The patient has withdrawn this request.", [], AlreadyDecided: true),
            _ => new(false, "This request has already been rejected.", [], AlreadyDecided: true),
        };
    }
}
