using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Eps.Core.Oversight;

/// <summary>
/// Evaluates the alert rules as each attempt is written: repeated failures from one IP or for one prescription (form
/// slips at the counter are not attempts and never count), any forged signature or
/// unknown key, a used (dispensed, cancelled, expired) token presented again, one prescription verified at two
/// pharmacies. A new alert is pushed to the monitor and emailed; repeats within the cool-down only bump its count.
/// </summary>
public sealed class SecurityMonitor(
    IDbContextFactory<EpsDbContext> dbFactory, SecurityFeed feed, Notifier notifier, IOptions<SecurityOptions> options,
    IOptions<MailOptions> mail, TimeProvider time)
{
    public async Task ObserveAsync(VerificationAttempt attempt, CancellationToken cancellationToken)
    {
        if (!attempt.Success)
        {
            feed.Publish(new SecurityEvent(attempt.OccurredAt, attempt.Kind == AttemptKind.Dispense ? "dispense" : "verify",
                attempt.StepFailed, attempt.Reason, attempt.ClientIp, attempt.ClaimedRxNumber, attempt.ClaimedPharmacyCode));
        }

        foreach (var (rule, key, summary) in await RulesFiredAsync(attempt, cancellationToken))
        {
            await RaiseAsync(attempt, rule, key, summary, cancellationToken);
        }
    }

    private async Task<List<(string Rule, string Key, string Summary)>> RulesFiredAsync(VerificationAttempt a, CancellationToken cancellationToken)
    {
        var fired = new List<(string, string, string)>();
        var o = options.Value;
        // Contexts are pooled and open their connection on the first query, so an attempt that needs none costs nothing here.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!a.Success && a.ClientIp is { } ip)
        {
            var since = a.OccurredAt.AddMinutes(-o.FailureWindowMinutes);
            var failures = await db.VerificationAttempts.CountAsync(x => x.ClientIp == ip && !x.Success && x.OccurredAt >= since, cancellationToken);
            if (failures >= o.FailureThreshold)
            {
                fired.Add((AlertRules.RepeatedFailures, "ip:" + ip, $"{failures} failed attempts from {ip} in {o.FailureWindowMinutes} minutes"));
            }
        }

        // Someone trying HPNs or nonces against one prescription, from however many addresses.
        if (!a.Success && a.PrescriptionId is { } failedId)
        {
            var since = a.OccurredAt.AddMinutes(-o.FailureWindowMinutes);
            var failures = await db.VerificationAttempts.CountAsync(x => x.PrescriptionId == failedId && !x.Success && x.OccurredAt >= since, cancellationToken);
            if (failures >= o.FailureThreshold)
            {
                fired.Add((AlertRules.RepeatedFailuresForPrescription, "rx:" + a.ClaimedRxNumber,
                    $"{failures} failed attempts on {a.ClaimedRxNumber} in {o.FailureWindowMinutes} minutes"));
            }
        }

        if (a.StepFailed == VerificationSteps.Signature)
        {
            fired.Add((AlertRules.Forgery, "ip:" + (a.ClientIp ?? "unknown"), $"Forged or unknown-key token presented from {a.ClientIp ?? "an unknown address"}: {a.Reason}"));
        }

        if (a.StepFailed is VerificationSteps.Dispensing or VerificationSteps.Cancellation or VerificationSteps.Expiry
            || (a.Kind == AttemptKind.Dispense && a.Reason.Contains("already dispensed", StringComparison.OrdinalIgnoreCase)))
        {
            fired.Add((AlertRules.Replay, "rx:" + a.ClaimedRxNumber, $"Used token {a.ClaimedRxNumber} presented again ({a.Reason})"));
        }

        // A new place is what makes a token seen at several pharmacies; an attempt that names no pharmacy adds none.
        if (a.Success && a.Kind == AttemptKind.Verify && a.PrescriptionId is { } prescriptionId
            && (a.AuthenticatedPharmacyId is not null || !string.IsNullOrWhiteSpace(a.ClaimedPharmacyCode)))
        {
            var places = await db.VerificationAttempts
                .Where(x => x.PrescriptionId == prescriptionId && x.Success && x.Kind == AttemptKind.Verify)
                .Select(x => new { x.AuthenticatedPharmacyId, x.ClaimedPharmacyCode }).Distinct().ToListAsync(cancellationToken);
            var codes = places.Select(p => p.AuthenticatedPharmacyId is { } id ? $"#{id}" : p.ClaimedPharmacyCode?.Trim().ToUpperInvariant())
                .Where(c => !string.IsNullOrEmpty(c)).Distinct().Count();
            if (codes > 1)
            {
                fired.Add((AlertRules.MultiplePharmacies, "rx:" + a.ClaimedRxNumber, $"{a.ClaimedRxNumber} verified at {codes} different pharmacies"));
            }
        }

        return fired;
    }

    private async Task RaiseAsync(VerificationAttempt a, string rule, string key, string summary, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cooldownStart = now.AddMinutes(-options.Value.CooldownMinutes);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var raised = await db.InTransactionAsync(async ct =>
        {
            var existing = await db.SecurityAlerts.Where(x => x.Rule == rule && x.Key == key && x.RaisedAt >= cooldownStart)
                .OrderByDescending(x => x.RaisedAt).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                existing.Occurrences++;
                existing.LastSeenAt = now;
                await db.SaveChangesAsync(ct);
                return null;
            }

            var alert = new SecurityAlert
            {
                RaisedAt = now, LastSeenAt = now, Rule = rule, Key = Text.Clip(key, 100)!, Summary = Text.Clip(summary, 500)!,
                ClientIp = a.ClientIp, PrescriptionId = a.ClaimedRxNumber, PharmacyCode = a.ClaimedPharmacyCode,
            };
            db.SecurityAlerts.Add(alert);
            if (!string.IsNullOrWhiteSpace(options.Value.AlertEmail))
            {
                notifier.Add(db, "security.alert", options.Value.AlertEmail, EmailTemplates.SecurityAlert(rule, summary, now, mail.Value.BaseUrl.TrimEnd('/')));
            }

            await db.SaveChangesAsync(ct);
            return alert;
        }, cancellationToken);
        if (raised is null)
        {
            return;
        }

        feed.Publish(new SecurityEvent(now, "alert", rule, summary, a.ClientIp, a.ClaimedRxNumber, a.ClaimedPharmacyCode, raised));
    }
}
