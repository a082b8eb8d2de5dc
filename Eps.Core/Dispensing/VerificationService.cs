using System.Text.Json;
using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Dispensing;

/// <summary>
/// Runs the SPEC's ordered verification steps against a presented token and appends one audit row per attempt,
/// whatever the outcome.
/// </summary>
public sealed class VerificationService(
    IDbContextFactory<EpsDbContext> dbFactory, CounterPrescriptions rows, PrescriptionTokenCodec codec, VerificationJournal journal, Oversight.SecurityMonitor monitor,
    Microsoft.Extensions.Options.IOptions<TokenOptions> tokens, Reporting.LocalClock clock, TimeProvider time)
{
    public const string Verified = "Prescription verified successfully";

    public async Task<VerificationOutcome> VerifyAsync(VerifyRequest request, RequestOrigin caller, CancellationToken cancellationToken)
    {
        VerificationOutcome outcome;
        string? claimedRx;
        int? prescriptionId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            (outcome, claimedRx, prescriptionId) = await EvaluateAsync(db, request, caller, cancellationToken);
        }

        await AppendAsync(outcome, Text.Clip(claimedRx, 64), prescriptionId, request.PharmacyCode, request.PharmacyName, caller, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Records the attempt and its audit entry (committed before the caller answers), then lets the security monitor
    /// look at it. The write is not cancelled with the request: an attempt is recorded even if the client went away.
    /// </summary>
    private async Task AppendAsync(VerificationOutcome outcome, string? claimedRx, int? prescriptionId,
        string? claimedCode, string? claimedName, RequestOrigin caller, CancellationToken cancellationToken)
    {
        var attempt = new VerificationAttempt
        {
            OccurredAt = time.GetUtcNow().UtcDateTime,
            Kind = AttemptKind.Verify,
            PrescriptionId = prescriptionId,
            ClaimedRxNumber = claimedRx,
            ClaimedPharmacyCode = Text.Clip(claimedCode, 64),
            ClaimedPharmacyName = Text.Clip(claimedName, 200),
            AuthenticatedPharmacyId = caller.PharmacyId,
            AuthenticatedUserId = caller.UserId,
            Success = outcome.Valid,
            Reason = Text.Clip(outcome.Reason, 500)!,
            StepFailed = outcome.StepFailed,
            ClientIp = Text.Clip(caller.ClientIp, 64),
        };
        await journal.RecordAsync(attempt, new AuditRecord("verification", caller.UserId, claimedRx ?? "-", new
        {
            valid = outcome.Valid, step = outcome.StepFailed, reason = Text.Clip(outcome.Reason, 200),
            claimed_pharmacy = Text.Clip(claimedCode, 64), pharmacy_id = caller.PharmacyId, ip = Text.Clip(caller.ClientIp, 64),
        }));
        await monitor.ObserveAsync(attempt, cancellationToken);
    }

    private async Task<(VerificationOutcome Outcome, string? ClaimedRx, int? PrescriptionId)> EvaluateAsync(
        EpsDbContext db, VerifyRequest request, RequestOrigin caller, CancellationToken cancellationToken)
    {
        var (presented, failure) = ReadPresentedToken(request);
        if (failure is not null)
        {
            return (failure, presented?.RxNumber, null);
        }

        var (rxNumber, nonce) = presented!.Value;
        var row = await rows.FindAsync(db, rxNumber, cancellationToken);
        if (row is null)
        {
            return (VerificationOutcome.Fail(VerificationSteps.Lookup, "Prescription not found"), rxNumber, null);
        }

        var outcome = row.Nonce != nonce
            ? VerificationOutcome.Fail(VerificationSteps.Nonce, "Nonce mismatch - token does not match the prescription")
            : await JudgeAsync(db, row, request.PharmacyCode, caller, cancellationToken);
        return (outcome, rxNumber, row.Id);
    }

    /// <summary>
    /// The desk's path for a typed or barcode-scanned prescription ID: the prescription must be nominated to the
    /// pharmacist's own pharmacy and the pharmacist must confirm the patient's HPN; then the same state checks apply.
    /// </summary>
    public async Task<VerificationOutcome> VerifyByIdAsync(string rxNumber, string? hpn, RequestOrigin caller, CancellationToken cancellationToken)
    {
        var prefix = tokens.Value.PrescriptionIdPrefix;
        var id = PrescriptionIds.Normalize(rxNumber, prefix);
        if (!PrescriptionIds.IsValid(id, prefix))
        {
            // A typing slip at the counter is answered in the form: it is not an attempt on a prescription.
            return VerificationOutcome.Fail(VerificationSteps.Format, $"That is not a prescription ID (e.g. {prefix}12345678)");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await rows.FindAsync(db, id, cancellationToken);
        VerificationOutcome outcome;
        if (row is null || row.PharmacyId != caller.PharmacyId)
        {
            outcome = VerificationOutcome.Fail(VerificationSteps.Lookup, "No prescription with that ID is nominated to this pharmacy");
        }
        else if (!Hpn.TryNormalize(hpn, out var digits) || digits != row.PatientHpn)
        {
            outcome = VerificationOutcome.Fail(VerificationSteps.Identity, "The HPN does not match the prescription's patient");
        }
        else
        {
            outcome = await JudgeAsync(db, row, null, caller, cancellationToken);
        }

        await AppendAsync(outcome, Text.Clip(id, 64), outcome.StepFailed is VerificationSteps.Lookup ? null : row?.Id,
            null, null, caller, cancellationToken);
        return outcome;
    }

    private async Task<VerificationOutcome> JudgeAsync(
        EpsDbContext db, CounterPrescription row, string? claimedPharmacyCode, RequestOrigin caller, CancellationToken cancellationToken)
    {
        var summary = row.ToSummary();
        var now = time.GetUtcNow().UtcDateTime;
        return row.Status == PrescriptionState.Cancelled
            ? VerificationOutcome.Fail(VerificationSteps.Cancellation, "Prescription has been cancelled by the prescriber", summary)
            : row.StateAt(now) == PrescriptionState.Expired
                ? VerificationOutcome.Fail(VerificationSteps.Expiry, $"Prescription expired on {clock.FormatWithZone(row.ExpiresAt)}", summary)
                : row.Status == PrescriptionState.Dispensed
                    ? await AlreadyDispensedAsync(db, row, summary, caller, cancellationToken)
                    : new VerificationOutcome(true, Verified, null, summary, null, await WarningsAsync(db, row, claimedPharmacyCode, caller, cancellationToken));
    }

    /// <summary>Refused, naming the repeat its collection issued (the token the patient should bring instead).</summary>
    private static async Task<VerificationOutcome> AlreadyDispensedAsync(
        EpsDbContext db, CounterPrescription row, VerifiedPrescription summary, RequestOrigin caller, CancellationToken cancellationToken)
    {
        var info = await RepeatChain.DispensedInfoAsync(db, row, caller, cancellationToken);
        return VerificationOutcome.Fail(VerificationSteps.Dispensing, RepeatChain.AlreadyDispensed(info), summary, info);
    }

    private ((string RxNumber, Guid Nonce)? Presented, VerificationOutcome? Failure) ReadPresentedToken(VerifyRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.Token))
        {
            // Base45 has a space in its alphabet: only line breaks a scanner may append are removed.
            var read = codec.Read(request.Token.TrimEnd('\r', '\n'));
            return read.Status switch
            {
                TokenStatus.Valid => ((read.Claims!.PrescriptionId, read.Claims.Nonce), null),
                TokenStatus.UnknownKey => (null, VerificationOutcome.Fail(VerificationSteps.Signature, "Unknown signing key - possible forgery")),
                TokenStatus.BadSignature => (null, VerificationOutcome.Fail(VerificationSteps.Signature, "Invalid signature - possible forgery")),
                _ => (null, VerificationOutcome.Fail(VerificationSteps.Format, "Token could not be read - scan it again or type the prescription ID")),
            };
        }

        if (request.LegacyPayload is not { ValueKind: JsonValueKind.Object } payload || string.IsNullOrWhiteSpace(request.LegacySignature))
        {
            return (null, VerificationOutcome.Fail(VerificationSteps.Format, "Provide either a token, or a payload with its signature"));
        }

        if (!payload.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !payload.TryGetProperty("nonce", out var nonceText) || nonceText.ValueKind != JsonValueKind.String
            || !Guid.TryParse(nonceText.GetString(), out var nonce))
        {
            return (null, VerificationOutcome.Fail(VerificationSteps.Format, "Payload must carry a prescription id and a UUID nonce"));
        }

        return codec.VerifyLegacy(payload, request.LegacySignature, request.Kid) switch
        {
            TokenStatus.Valid => ((id.GetString()!, nonce), null),
            TokenStatus.UnknownKey => ((id.GetString()!, nonce), VerificationOutcome.Fail(VerificationSteps.Signature, "Unknown signing key - possible forgery")),
            _ => ((id.GetString()!, nonce), VerificationOutcome.Fail(VerificationSteps.Signature, "Invalid signature - possible forgery")),
        };
    }

    private static async Task<IReadOnlyList<string>> WarningsAsync(
        EpsDbContext db, CounterPrescription row, string? claimedPharmacyCode, RequestOrigin caller, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var presentedAt = caller.PharmacyId is { } pharmacyId
            ? await db.Pharmacies.Where(p => p.Id == pharmacyId).Select(p => p.Code).FirstOrDefaultAsync(cancellationToken)
            : claimedPharmacyCode?.Trim();
        if (!string.IsNullOrEmpty(presentedAt) && !string.Equals(presentedAt, row.PharmacyCode, StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"Nominated at {row.PharmacyName} ({row.PharmacyCode}), presented at another pharmacy.");
        }

        if (row.Schedule.IsControlled())
        {
            warnings.Add($"Controlled drug ({ScheduleName(row.Schedule)}): check the patient's ID document before dispensing.");
        }
        else if (row.Risk.IsHighRisk())
        {
            warnings.Add("High-risk medicine: confirm dosing and counsel the patient.");
        }

        return warnings;
    }

    internal static string? ScheduleName(DrugSchedule schedule) => schedule switch
    {
        DrugSchedule.Schedule2 => "Schedule 2",
        DrugSchedule.Schedule3 => "Schedule 3",
        _ => null,
    };
}
