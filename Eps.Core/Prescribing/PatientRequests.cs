using System.Security.Cryptography;
using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Pharmacies;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>What a patient does with requests: submit one, follow their own.</summary>
public sealed class PatientRequests(
    IDbContextFactory<EpsDbContext> dbFactory, PharmacyChoice pharmacies, AuditTrail audit, IQueueEvents events, TimeProvider time)
{
    public async Task<(CommandResult Result, string? Reference)> SubmitAsync(Actor actor, NewRequest request, CancellationToken cancellationToken)
    {
        if (!actor.IsPatient)
        {
            return (CommandResult.Fail("Only patients can request prescriptions."), null);
        }

        var errors = RequestRules.Validate(request);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pharmacyCode = request.PharmacyId > 0
            ? await PharmacyChoice.Choosable(db).Where(p => p.Id == request.PharmacyId).Select(p => p.Code).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (request.PharmacyId > 0 && pharmacyCode is null)
        {
            errors["pharmacy"] = "That pharmacy does not take nominations; choose another.";
        }

        var drugIds = request.Items.Select(i => i.DrugId).Distinct().ToList();
        var drugs = await db.Drugs.Where(d => drugIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            if (!drugs.TryGetValue(item.DrugId, out var drug))
            {
                errors[$"items[{i}].drug"] = "Choose a medicine from the catalogue.";
            }
            else if (drug.RetiredAt is not null)
            {
                errors[$"items[{i}].drug"] = $"{drug.GenericName} has been withdrawn from the catalogue and can no longer be requested; choose another medicine.";
            }
            else if (!string.IsNullOrWhiteSpace(item.Strength) && !drug.StrengthList.Contains(item.Strength))
            {
                errors[$"items[{i}].strength"] = $"{drug.GenericName} comes as {drug.Strengths}.";
            }
        }

        if (errors.Count > 0)
        {
            return (CommandResult.Invalid(errors), null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (sent, reference) = await db.InTransactionAsync(async ct =>
        {
            var entity = new PrescriptionRequest
            {
                Reference = NewReference(now),
                PatientId = actor.PatientId!.Value,
                PharmacyId = request.PharmacyId,
                Status = RequestStatus.Submitted,
                Reason = request.Reason.Trim(),
                SubmittedAt = now,
                Items = [.. request.Items.Select(i => new PrescriptionRequestItem
                {
                    DrugId = i.DrugId, Strength = i.Strength, Form = drugs[i.DrugId].Form, QuantityRequested = i.Quantity,
                    Notes = string.IsNullOrWhiteSpace(i.Notes) ? null : i.Notes.Trim(),
                })],
            };
            db.PrescriptionRequests.Add(entity);

            // Remembered as the default in the same transaction as the request: both or neither, and audited when it changes.
            var patient = await db.Patients.Include(p => p.DefaultPharmacy).SingleAsync(p => p.Id == actor.PatientId, ct);
            if (patient.DefaultPharmacyId != request.PharmacyId)
            {
                await audit.AppendAsync(db, Nominations.NominationChangedKind, actor.UserId, pharmacyCode!,
                    new { from = patient.DefaultPharmacy?.Code, to = pharmacyCode, via = "request" }, ct);
                patient.DefaultPharmacyId = request.PharmacyId;
            }

            await SaveUnderFreshReferenceAsync(db, entity, now, ct);
            return (CommandResult.Ok($"Request {entity.Reference} sent."), (string?)entity.Reference);
        }, cancellationToken);
        events.Publish(new QueueChanged(request.PharmacyId, QueueChangeKind.RequestSubmitted, reference!, now));
        return (sent, reference);
    }

    /// <summary>
    /// Five random characters a day collide now and then on a busy day (a 5,000-request spike hit one): the same request
    /// is saved again under a fresh reference. Any other failure is not retried. Inside the transaction each save is
    /// rolled back to its own savepoint, so a collision leaves the rest of the unit of work intact.
    /// </summary>
    private static async Task SaveUnderFreshReferenceAsync(EpsDbContext db, PrescriptionRequest entity, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxReferenceAttempts)
            {
                var reference = entity.Reference;
                if (!await db.PrescriptionRequests.AnyAsync(r => r.Reference == reference, cancellationToken))
                {
                    throw;
                }

                entity.Reference = NewReference(now);
            }
        }
    }

    public const string WithdrawnKind = "request_withdrawn";

    /// <summary>
    /// The patient takes back their own request while nobody has decided on it (one conditional UPDATE, audited). The
    /// status is the request's afterwards, or null when the patient has no request with that reference.
    /// </summary>
    public async Task<(CommandResult Result, RequestStatus? Status)> WithdrawAsync(Actor actor, string reference, CancellationToken cancellationToken)
    {
        if (!actor.IsPatient)
        {
            return (CommandResult.Fail("Only patients can withdraw their requests."), null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (result, status) = await db.InTransactionAsync(async ct =>
        {
            var mine = db.PrescriptionRequests.Where(r => r.Reference == reference && r.PatientId == actor.PatientId);
            var changed = await mine.Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.AwaitingDoctor)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Withdrawn).SetProperty(r => r.WithdrawnAt, now), ct);
            if (changed == 0)
            {
                var status = await mine.Select(r => (RequestStatus?)r.Status).FirstOrDefaultAsync(ct);
                return status is null
                    ? (CommandResult.Fail("Request not found."), (RequestStatus?)null)
                    : (CommandResult.Fail($"Request {reference} can no longer be withdrawn: it is {RequestRules.Describe(status.Value).ToLowerInvariant()}."), status);
            }

            await audit.AppendAsync(db, WithdrawnKind, actor.UserId, reference, new { by = "patient" }, ct);
            await db.SaveChangesAsync(ct);
            return (CommandResult.Ok($"Request {reference} withdrawn."), (RequestStatus?)RequestStatus.Withdrawn);
        }, cancellationToken);
        if (result.Succeeded)
        {
            var id = await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).FirstAsync(CancellationToken.None);
            await RequestChanges.PublishAsync(db, events, id, QueueChangeKind.RequestWithdrawn, now);
        }

        return (result, status);
    }

    public async Task<IReadOnlyList<RequestView>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.PrescriptionRequests.AsNoTracking().Where(r => r.PatientId == actor.PatientId)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id);
        var views = await RequestQueries.Views(db, mine).ToListAsync(cancellationToken);
        // The pharmacist's note to the doctor is for staff: the patient sees that the request was escalated, not why.
        return views.ConvertAll(v => v with { TriageNote = null });
    }

    /// <summary>The patient's default (last nominated) pharmacy, if any.</summary>
    public async Task<int?> DefaultPharmacyAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Patients.Where(p => p.Id == actor.PatientId).Select(p => p.DefaultPharmacyId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The patient's default pharmacy while it still takes nominations, for preselecting it on the form.</summary>
    public async Task<Pharmacy?> NominatedPharmacyAsync(Actor actor, CancellationToken cancellationToken) =>
        await DefaultPharmacyAsync(actor, cancellationToken) is { } id ? await pharmacies.FindAsync(id, cancellationToken) : null;

    /// <summary>Pharmacies the patient may nominate, for the form's search (<see cref="PharmacyChoice"/>).</summary>
    public Task<IReadOnlyList<Pharmacy>> SearchPharmaciesAsync(string? term, int take, CancellationToken cancellationToken) =>
        pharmacies.SearchAsync(term, take, cancellationToken);

    private const int MaxReferenceAttempts = 5;

    private static string NewReference(DateTime now) =>
        $"REQ-{now:yyyyMMdd}-{RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 5)}";
}
