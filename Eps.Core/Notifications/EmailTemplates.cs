using System.Globalization;
using System.Net;
using System.Text;

namespace Eps.Core.Notifications;

/// <summary>An email's subject with its plain-text and HTML bodies.</summary>
public sealed record EmailContent(string Subject, string Text, string Html);

/// <summary>A prescription as an email lists it; <see cref="Repeat"/> is e.g. "Repeat 1 of 2", null without repeats.</summary>
public sealed record EmailPrescription(string PrescriptionId, string Medication, string? Repeat = null)
{
    public string Line => Repeat is null ? $"{PrescriptionId}: {Medication}" : $"{PrescriptionId}: {Medication} ({Repeat})";
}

/// <summary>
/// Every email Eps sends, in one place. Each carries only what its recipient needs: pharmacies never receive a
/// patient's name or HPN by email, patients get their own prescription IDs and their pharmacy's address.
/// </summary>
public static partial class EmailTemplates
{
    public const string PatientApprovedKind = "patient.approved";
    public const string PatientRejectedKind = "patient.rejected";
    public const string PatientCollectedKind = "patient.collected";
    public const string PatientRepeatKind = "patient.repeat";
    public const string PatientReadyKind = "patient.ready";
    public const string PatientCancelledKind = "patient.cancelled";
    public const string PatientExpiryReminderKind = "patient.expiry-reminder";
    public const string PharmacyControlledKind = "pharmacy.controlled-alert";
    public const string PharmacyDigestKind = "pharmacy.digest";

    public static EmailContent PatientApproved(string patientName, string reference, IReadOnlyList<EmailPrescription> prescriptions,
        string pharmacyName, string pharmacyAddress, string pharmacyPhone, string timeline, string baseUrl, int validityDays = 30)
    {
        var lines = prescriptions.Select(p => p.Line).ToList();
        var repeats = prescriptions.Any(p => p.Repeat is not null) ? RepeatsNote : "";
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dear {patientName},").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Your request {reference} has been approved. Your prescriptions:")
            .AppendJoin(Environment.NewLine, lines.Select(l => "  " + l)).AppendLine().AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Collect them from {pharmacyName}, {pharmacyAddress} (phone {pharmacyPhone}), {timeline}.")
            .AppendLine("Print each token (or show it on your phone) and bring it with you; controlled medicines also need a valid ID.")
            .AppendLine(CultureInfo.InvariantCulture, $"Your tokens: {baseUrl}/prescriptions").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Each prescription is valid for {validityDays} days and can be collected once.")
            .Append(repeats.Length > 0 ? repeats + Environment.NewLine : "")
            .ToString();
        var html = Layout($"Your prescription request {E(reference)} is approved",
            $"<p>Dear {E(patientName)},</p><p>Your request <b>{E(reference)}</b> has been approved. Your prescriptions:</p>" +
            $"<ul>{string.Concat(prescriptions.Select(p => $"<li><b>{E(p.PrescriptionId)}</b>: {E(p.Medication)}{(p.Repeat is null ? "" : $" ({E(p.Repeat)})")}</li>"))}</ul>" +
            $"<p>Collect them from <b>{E(pharmacyName)}</b>, {E(pharmacyAddress)} (phone {E(pharmacyPhone)}), {E(timeline)}.</p>" +
            "<p>Print each token (or show it on your phone) and bring it with you; controlled medicines also need a valid ID.</p>" +
            Button($"{baseUrl}/prescriptions", "Open my tokens") +
            $"<p>Each prescription is valid for {validityDays} days and can be collected once.</p>" +
            (repeats.Length > 0 ? $"<p>{E(repeats)}</p>" : ""));
        return new($"Approved: your prescriptions from request {reference}", text, html);
    }

    public static EmailContent PatientRejected(string patientName, string reference, string reason, string baseUrl)
    {
        var text = $"Dear {patientName},{Environment.NewLine}{Environment.NewLine}Your request {reference} was not approved.{Environment.NewLine}" +
            $"Reason: {reason}{Environment.NewLine}{Environment.NewLine}You can see your requests at {baseUrl}/requests or make a new request.";
        var html = Layout($"Your request {E(reference)} was not approved",
            $"<p>Dear {E(patientName)},</p><p>Your request <b>{E(reference)}</b> was not approved.</p>" +
            $"<p><b>Reason:</b> {E(reason)}</p>" + Button($"{baseUrl}/requests", "See my requests"));
        return new($"Not approved: request {reference}", text, html);
    }

    public static EmailContent PatientCollected(string patientName, string prescriptionId, string medication, string when, string pharmacyName,
        string? repeat = null)
    {
        var what = repeat is null ? prescriptionId : $"{prescriptionId}, {repeat.ToLowerInvariant()}";
        var text = $"Dear {patientName},{Environment.NewLine}{Environment.NewLine}{medication} ({what}) was collected at " +
            $"{pharmacyName} on {when}.{Environment.NewLine}If this was not you, contact the pharmacy at once.";
        var html = Layout("Your prescription was collected",
            $"<p>Dear {E(patientName)},</p><p><b>{E(medication)}</b> ({E(what)}) was collected at {E(pharmacyName)} on {E(when)}.</p>" +
            "<p>If this was not you, contact the pharmacy at once.</p>");
        return new($"Collected: {prescriptionId}", text, html);
    }

    /// <summary>A repeat issued when the previous one was collected: its new ID and token, where and by when to collect it.</summary>
    public static EmailContent PatientRepeatIssued(string patientName, EmailPrescription repeat, string next,
        string pharmacyName, string pharmacyAddress, string pharmacyPhone, string validUntil, string baseUrl)
    {
        var label = repeat.Repeat ?? "A repeat";
        var url = $"{baseUrl}/prescriptions/{repeat.PrescriptionId}/token";
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dear {patientName},").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{label} of your prescription has been issued, as you collected the previous one:")
            .AppendLine(CultureInfo.InvariantCulture, $"  {repeat.PrescriptionId}: {repeat.Medication}").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"It has a new token: the old one cannot be used again. Collect it from {pharmacyName}, {pharmacyAddress} (phone {pharmacyPhone}) by {validUntil}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Your token: {url}")
            .Append(next.Length > 0 ? Environment.NewLine + next + Environment.NewLine : "")
            .ToString();
        var html = Layout($"{E(label)} of your prescription is ready to collect",
            $"<p>Dear {E(patientName)},</p><p>{E(label)} of your prescription has been issued, as you collected the previous one:</p>" +
            $"<ul><li><b>{E(repeat.PrescriptionId)}</b>: {E(repeat.Medication)}</li></ul>" +
            $"<p>It has a new token: the old one cannot be used again. Collect it from <b>{E(pharmacyName)}</b>, {E(pharmacyAddress)} " +
            $"(phone {E(pharmacyPhone)}) by {E(validUntil)}.</p>" + Button(url, "Open the new token") +
            (next.Length > 0 ? $"<p>{E(next)}</p>" : ""));
        return new($"{label} issued: {repeat.PrescriptionId}", text, html);
    }

    public static EmailContent PharmacyControlledAlert(string pharmacyName, string prescriptionId, string medication, string schedule, string baseUrl)
    {
        var text = $"{pharmacyName}: a controlled-drug prescription is in your queue.{Environment.NewLine}" +
            $"{prescriptionId}: {medication} ({schedule}).{Environment.NewLine}Check the patient's ID document when dispensing.{Environment.NewLine}" +
            $"Queue: {baseUrl}/pharmacy/queue";
        var html = Layout("Controlled-drug prescription in your queue",
            $"<p>{E(pharmacyName)}: a controlled-drug prescription is in your queue.</p>" +
            $"<p><b>{E(prescriptionId)}</b>: {E(medication)} ({E(schedule)})</p><p>Check the patient's ID document when dispensing.</p>" +
            Button($"{baseUrl}/pharmacy/queue", "Open the queue"));
        return new($"Controlled drug ({schedule}): {prescriptionId}", text, html);
    }

    public static EmailContent PharmacyDigest(string pharmacyName, DateOnly date, int routine, int controlled, int highRisk, string baseUrl)
    {
        var total = routine + controlled + highRisk;
        var day = date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var text = $"{pharmacyName}: {total} prescriptions waiting for collection ({day}).{Environment.NewLine}" +
            $"  Routine: {routine}{Environment.NewLine}  Controlled: {controlled}{Environment.NewLine}  High risk: {highRisk}{Environment.NewLine}" +
            $"  Total: {total}{Environment.NewLine}{Environment.NewLine}Queue: {baseUrl}/pharmacy/queue";
        var html = Layout($"{total} prescriptions waiting",
            $"<p>{E(pharmacyName)} — {E(day)}</p><table cellpadding=\"6\" style=\"border-collapse:collapse\">" +
            $"<tr><td>Routine</td><td><b>{routine}</b></td></tr><tr><td>Controlled</td><td><b>{controlled}</b></td></tr>" +
            $"<tr><td>High risk</td><td><b>{highRisk}</b></td></tr><tr><td>Total</td><td><b>{total}</b></td></tr></table>" +
            Button($"{baseUrl}/pharmacy/queue", "Open the queue"));
        return new($"Daily digest: {total} prescriptions waiting", text, html);
    }

    public static EmailContent SecurityAlert(string rule, string summary, DateTime at, string baseUrl)
    {
        var when = at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = $"Security alert ({rule}) at {when}:{Environment.NewLine}{summary}{Environment.NewLine}{Environment.NewLine}" +
            $"Security monitor: {baseUrl}/admin/security{Environment.NewLine}Repeats of this alert are counted on the monitor, not emailed, during the cool-down.";
        var html = Layout($"Security alert: {E(rule)}",
            $"<p>{E(when)}</p><p>{E(summary)}</p>" + Button($"{baseUrl}/admin/security", "Open the security monitor") +
            "<p>Repeats of this alert are counted on the monitor, not emailed, during the cool-down.</p>");
        return new($"[Eps security] {rule}: {summary}", text, html);
    }

    private const string RepeatsNote = "Repeats are issued one at a time: each when the previous one is collected. We email you each new token.";

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string Button(string url, string label) =>
        $"<p><a href=\"{E(url)}\" style=\"background:#00695c;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none\">{E(label)}</a></p>";

    private static string Layout(string heading, string body) =>
        "<!DOCTYPE html><html><body style=\"font-family:system-ui,Segoe UI,Roboto,Arial,sans-serif;color:#222;max-width:600px\">" +
        $"<h2 style=\"color:#004d40\">{heading}</h2>{body}<hr><p style=\"color:#666;font-size:12px\">Eps electronic prescriptions. " +
        "This message was sent automatically; do not reply.</p></body></html>";
}
