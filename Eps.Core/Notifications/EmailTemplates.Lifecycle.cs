using System.Globalization;
using System.Text;

namespace Eps.Core.Notifications;

/// <summary>A pharmacy as a patient's email names it; <see cref="OpeningHours"/> is left out when the pharmacy has none.</summary>
public sealed record EmailPharmacy(string Name, string Address, string Phone, string? OpeningHours = null)
{
    public string Line => $"{Name}, {Address} (phone {Phone})";
}

public static partial class EmailTemplates
{
    /// <summary>The pharmacy has prepared the medicine: where to collect it, when the pharmacy is open, what to bring.</summary>
    public static EmailContent PatientReady(string patientName, EmailPrescription prescription, EmailPharmacy pharmacy, string validUntil,
        string baseUrl)
    {
        var url = TokenUrl(baseUrl, prescription.PrescriptionId);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dear {patientName},").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Your prescription is ready to collect at {pharmacy.Name}:")
            .AppendLine(CultureInfo.InvariantCulture, $"  {prescription.Line}").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{pharmacy.Name}, {pharmacy.Address}")
            .AppendLine(CultureInfo.InvariantCulture, $"Phone: {pharmacy.Phone}")
            .Append(pharmacy.OpeningHours is { } hours ? $"Opening hours: {hours}{Environment.NewLine}" : "")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Bring your token (printed or on your phone) by {validUntil}; controlled medicines also need a valid ID.")
            .AppendLine(CultureInfo.InvariantCulture, $"Your token: {url}")
            .ToString();
        var html = Layout($"Ready to collect at {E(pharmacy.Name)}",
            $"<p>Dear {E(patientName)},</p><p>Your prescription is ready to collect at <b>{E(pharmacy.Name)}</b>:</p>" +
            $"<ul><li><b>{E(prescription.PrescriptionId)}</b>: {E(prescription.Medication)}{(prescription.Repeat is null ? "" : $" ({E(prescription.Repeat)})")}</li></ul>" +
            $"<p><b>{E(pharmacy.Name)}</b><br>{E(pharmacy.Address)}<br>Phone: {E(pharmacy.Phone)}" +
            (pharmacy.OpeningHours is { } openingHours ? $"<br>Opening hours: {E(openingHours)}" : "") + "</p>" +
            $"<p>Bring your token (printed or on your phone) by {E(validUntil)}; controlled medicines also need a valid ID.</p>" +
            Button(url, "Open my token"));
        return new($"Ready to collect at {pharmacy.Name}: {prescription.PrescriptionId}", text, html);
    }

    /// <summary>The prescriber cancelled a prescription: the reason they gave, and that no pharmacy will dispense it.</summary>
    public static EmailContent PatientCancelled(string patientName, EmailPrescription prescription, string prescriberName, string? reason,
        string when, string baseUrl)
    {
        var because = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dear {patientName},").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{prescriberName} cancelled your prescription on {when}:")
            .AppendLine(CultureInfo.InvariantCulture, $"  {prescription.Line}")
            .Append(because is null ? "" : $"Reason: {because}{Environment.NewLine}")
            .AppendLine()
            .AppendLine("No pharmacy will dispense it: its token can no longer be used. If you still need this medicine, contact your doctor or make a new request.")
            .AppendLine(CultureInfo.InvariantCulture, $"Your prescriptions: {baseUrl}/prescriptions")
            .ToString();
        var html = Layout("Your prescription was cancelled",
            $"<p>Dear {E(patientName)},</p><p>{E(prescriberName)} cancelled your prescription on {E(when)}:</p>" +
            $"<ul><li><b>{E(prescription.PrescriptionId)}</b>: {E(prescription.Medication)}</li></ul>" +
            (because is null ? "" : $"<p><b>Reason:</b> {E(because)}</p>") +
            "<p>No pharmacy will dispense it: its token can no longer be used. If you still need this medicine, contact your doctor or make a new request.</p>" +
            Button($"{baseUrl}/prescriptions", "See my prescriptions"));
        return new($"Cancelled: {prescription.PrescriptionId}", text, html);
    }

    /// <summary>A pending token expires soon: by when, and where to collect it.</summary>
    public static EmailContent PatientExpiryReminder(string patientName, EmailPrescription prescription, EmailPharmacy pharmacy, string expires,
        string baseUrl)
    {
        var url = TokenUrl(baseUrl, prescription.PrescriptionId);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dear {patientName},").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Your prescription has not been collected yet and expires on {expires}:")
            .AppendLine(CultureInfo.InvariantCulture, $"  {prescription.Line}").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Collect it from {pharmacy.Line} before then.")
            .Append(pharmacy.OpeningHours is { } hours ? $"Opening hours: {hours}{Environment.NewLine}" : "")
            .AppendLine("After it expires no pharmacy can dispense it, and you would need a new prescription.")
            .AppendLine(CultureInfo.InvariantCulture, $"Your token: {url}")
            .ToString();
        var html = Layout("Your prescription expires soon",
            $"<p>Dear {E(patientName)},</p><p>Your prescription has not been collected yet and expires on <b>{E(expires)}</b>:</p>" +
            $"<ul><li><b>{E(prescription.PrescriptionId)}</b>: {E(prescription.Medication)}</li></ul>" +
            $"<p>Collect it from <b>{E(pharmacy.Name)}</b>, {E(pharmacy.Address)} (phone {E(pharmacy.Phone)}) before then." +
            (pharmacy.OpeningHours is { } openingHours ? $"<br>Opening hours: {E(openingHours)}" : "") + "</p>" +
            "<p>After it expires no pharmacy can dispense it, and you would need a new prescription.</p>" + Button(url, "Open my token"));
        return new($"Expires {expires}: {prescription.PrescriptionId}", text, html);
    }

    private static string TokenUrl(string baseUrl, string prescriptionId) => $"{baseUrl}/prescriptions/{prescriptionId}/token";
}
