using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Dispensing;

/// <summary>
/// Dispenses a prescription at most once: one conditional UPDATE (still pending, not expired, nonce matches) checked
/// for rows affected, with the register entry, the audit row and the next repeat (when the item has one left) in the
/// same transaction.
/// </summary>
public sealed class DispenseService(
    IDbContextFactory<EpsDbContext> dbFactory, PrescriptionIssuer issuer, Notifier notifier, AuditTrail audit, Oversight.SecurityMonitor monitor,
    IQueueEvents queue, Reporting.LocalClock clock, TimeProvider time)
{
    public const string Success = "Prescription dispensed successfully";

    public async Task<DispenseOutcome> DispenseAsync(DispenseCommand command, RequestOrigin caller, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await CounterPrescriptions.FindOnContextAsync(db, command.PrescriptionId, cancellationToken);
        var outcome = await Precheck(db, row, command, caller, cancellationToken)
            ?? await CommitAsync(db, row!, command, caller, cancellationToken);

        // A form slip (no ID document type, an NIN of ten digits) is answered in the form; every other refusal is an
        // attempt on the prescription, journalled, audited and watched by the alert rules.
        if (!outcome.Succeeded && outcome.Status != DispenseStatus.InvalidInput)
        {
            var attempt = Attempt(command, caller, row?.Id, false, outcome.Message);
            await db.InTransactionAsync(async ct =>
            {
                db.VerificationAttempts.Add(attempt);
                await audit.AppendAsync(db, "dispense-refused", caller.UserId, Text.Clip(command.PrescriptionId, 64) ?? "-", new
                {
                    status = outcome.Status.ToString(), reason = Text.Clip(outcome.Message, 200), pharmacy_id = caller.PharmacyId,
                    ip = Text.Clip(caller.ClientIp, 64),
                }, ct);
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
            await monitor.ObserveAsync(attempt, cancellationToken);
        }

        return outcome;
    }

    private async Task<DispenseOutcome?> Precheck(
        EpsDbContext db, CounterPrescription? row, DispenseCommand command, RequestOrigin caller, CancellationToken cancellationToken)
    {
        if (row is null)
        {
            return new(DispenseStatus.NotFound, "Prescription not found");
        }

        var callerPharmacy = caller.PharmacyId is { } id
            ? await db.Pharmacies.Where(p => p.Id == id).Select(p => p.Code).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (callerPharmacy is null || row.PharmacyId != caller.PharmacyId
            || !string.Equals(command.PharmacyCode.Trim(), callerPharmacy, StringComparison.OrdinalIgnoreCase))
        {
            return new(DispenseStatus.WrongPharmacy,
                $"Only a pharmacist of the nominated pharmacy ({row.PharmacyName}) may dispense this prescription");
        }

        if (row.Nonce != command.Nonce)
        {
            return new(DispenseStatus.NonceMismatch, "Nonce mismatch - token does not match the prescription", Field: "nonce");
        }

        var state = await StateFailureAsync(db, row, caller, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (state is not null)
        {
            return state;
        }

        if (row.ToSummary().IsControlled)
        {
            if (command.IdDocumentType is not { } type)
            {
                return new(DispenseStatus.InvalidInput, "A controlled drug needs the patient's ID document type", Field: "id_document_type");
            }

            if (IdDocuments.Validate(type, command.IdDocumentNumber) is { } error)
            {
                return new(DispenseStatus.InvalidInput, error, Field: "id_document_number");
            }
        }

        return null;
    }

    private async Task<DispenseOutcome?> StateFailureAsync(
        EpsDbContext db, CounterPrescription row, RequestOrigin caller, DateTime now, CancellationToken cancellationToken)
    {
        switch (row.StateAt(now))
        {
            case PrescriptionState.Cancelled:
                return new(DispenseStatus.Cancelled, "Prescription has been cancelled by the prescriber");
            case PrescriptionState.Expired:
                return new(DispenseStatus.Expired, $"Prescription expired on {clock.FormatWithZone(row.ExpiresAt)}");
            case PrescriptionState.Dispensed:
                var info = await RepeatChain.DispensedInfoAsync(db, row, caller, cancellationToken);
                return new(DispenseStatus.AlreadyDispensed, RepeatChain.AlreadyDispensed(info), AlreadyDispensed: info);
            default:
                return null;
        }
    }

    private async Task<DispenseOutcome> CommitAsync(
        EpsDbContext db, CounterPrescription row, DispenseCommand command, RequestOrigin caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var pharmacist = command.PharmacistName.Trim();
        var tries = 0;
        var outcome = await db.InTransactionAsync(async ct =>
        {
            tries++;
            var won = await db.Prescriptions
                // Still at the pharmacy the pre-check saw: a patient may move a pending prescription meanwhile.
                .Where(p => p.Id == row.Id && p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now && p.Nonce == command.Nonce
                    && p.PharmacyId == row.PharmacyId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Status, PrescriptionState.Dispensed)
                    .SetProperty(p => p.DispensedAt, now)
                    .SetProperty(p => p.DispensedByPharmacyId, row.PharmacyId)
                    .SetProperty(p => p.DispensedByUserId, caller.UserId)
                    .SetProperty(p => p.DispensingPharmacistName, pharmacist), ct);
            if (won == 0)
            {
                await db.Database.RollbackTransactionAsync(ct);
                var latest = await CounterPrescriptions.FindOnContextAsync(db, row.RxNumber, ct);
                if (tries > 1 && IsOwnCommittedDispense(latest, now, pharmacist))
                {
                    // A retry after a commit whose acknowledgement was lost: the first attempt won and is in the database,
                    // with the repeat it issued.
                    var issued = await RepeatChain.NextAsync(db, row.Id, ct);
                    return Dispensed(row, pharmacist, now, issued?.RxNumber);
                }

                return (latest is null ? null : await StateFailureAsync(db, latest, caller, now, ct))
                    ?? new(DispenseStatus.AlreadyDispensed, "Prescription already dispensed");
            }

            var repeat = await RecordAsync(db, row, command, caller, pharmacist, now, ct);
            return Dispensed(row, pharmacist, now, repeat?.RxNumber);
        }, cancellationToken);

        if (outcome.Succeeded)
        {
            queue.Publish(new QueueChanged(row.PharmacyId, QueueChangeKind.Dispensed, row.RxNumber, now));
            if (outcome.Receipt?.RepeatIssued is { } repeat)
            {
                // The same event an approval publishes for a new prescription: the repeat joins the pharmacy's open queues.
                queue.Publish(new QueueChanged(row.PharmacyId, QueueChangeKind.Added, repeat, now));
            }
        }

        return outcome;
    }

    private static DispenseOutcome Dispensed(CounterPrescription row, string pharmacist, DateTime now, string? repeat) => new(DispenseStatus.Dispensed,
        Success, new DispenseReceipt(row.RxNumber, row.PatientName, row.Medication, row.Quantity, now, row.PharmacyName, pharmacist,
            row.ToSummary().IsControlled, repeat, repeat is null ? null : RepeatText.Label(row.RepeatNumber + 1, row.RepeatsAuthorised)));

    /// <summary>The row carries this very dispense: the instant it wrote (to the microsecond a server keeps) and the pharmacist.</summary>
    private static bool IsOwnCommittedDispense(CounterPrescription? latest, DateTime now, string pharmacist) =>
        latest is { Status: PrescriptionState.Dispensed, DispensedAt: { } at } && latest.DispensingPharmacistName == pharmacist
        && Math.Abs((at - now).Ticks) < TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>
    /// What the winning dispense writes beside the status change: register entry, attempt, mail, audit, and the next
    /// repeat with its own mail and audit entry; returns that repeat, or null when none was left.
    /// </summary>
    private async Task<Prescription?> RecordAsync(EpsDbContext db, CounterPrescription row, DispenseCommand command, RequestOrigin caller, string pharmacist,
        DateTime now, CancellationToken cancellationToken)
    {
        var summary = row.ToSummary();
        db.DispenseRecords.Add(new DispenseRecord
        {
            PrescriptionId = row.Id, RxNumber = row.RxNumber, PharmacyId = row.PharmacyId,
            PharmacistUserId = caller.UserId ?? "", PharmacistName = pharmacist, DispensedAt = now,
            MedicationName = row.MedicationName, Strength = row.Strength, Quantity = row.Quantity, Schedule = row.Schedule,
            PatientHpn = row.PatientHpn, PatientName = row.PatientName, PrescriberName = row.PrescriberName,
            IdDocumentType = summary.IsControlled ? command.IdDocumentType : null,
            IdDocumentNumber = summary.IsControlled ? IdDocuments.Normalize(command.IdDocumentNumber) : null,
            Notes = Text.Clip(command.Notes?.Trim(), 1000),
        });
        db.VerificationAttempts.Add(Attempt(command, caller, row.Id, true,
            string.IsNullOrWhiteSpace(command.Notes) ? Success : Text.Clip($"{Success}. {command.Notes.Trim()}", 500)!));
        await notifier.CollectedAsync(db, row.Id, now, cancellationToken);
        List<AuditRecord> entries = [new("dispense", caller.UserId, row.RxNumber, new
        {
            pharmacy_id = row.PharmacyId, pharmacist = pharmacist, quantity = row.Quantity, schedule = (int)row.Schedule,
            id_document = summary.IsControlled ? command.IdDocumentType?.ToString() : null, ip = Text.Clip(caller.ClientIp, 64),
            repeat_number = row.RepeatsAuthorised > 0 ? row.RepeatNumber : (int?)null,
        })];

        // Issued from the dispense instant; the unique link to this prescription refuses a second one at commit.
        var repeat = await issuer.IssueRepeatAsync(db, row.Id, now, cancellationToken);
        if (repeat is not null)
        {
            await notifier.RepeatIssuedAsync(db, repeat, cancellationToken);
            entries.Add(new("repeat-issued", caller.UserId, repeat.RxNumber, new
            {
                follows = row.RxNumber, repeat_number = repeat.RepeatNumber, repeats_authorised = repeat.RepeatsAuthorised,
                pharmacy_id = repeat.PharmacyId, expires = repeat.ExpiresAt,
            }));
        }

        await audit.AppendManyAsync(db, entries, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return repeat;
    }

    private VerificationAttempt Attempt(DispenseCommand command, RequestOrigin caller, int? prescriptionId, bool success, string reason) => new()
    {
        OccurredAt = time.GetUtcNow().UtcDateTime,
        Kind = AttemptKind.Dispense,
        PrescriptionId = prescriptionId,
        ClaimedRxNumber = Text.Clip(command.PrescriptionId, 64),
        ClaimedPharmacyCode = Text.Clip(command.PharmacyCode, 64),
        AuthenticatedPharmacyId = caller.PharmacyId,
        AuthenticatedUserId = caller.UserId,
        Success = success,
        Reason = Text.Clip(reason, 500)!,
        ClientIp = Text.Clip(caller.ClientIp, 64),
    };
}
