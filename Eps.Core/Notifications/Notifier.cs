using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Eps.Core.Notifications;

/// <summary>
/// Writes the emails a change causes into the outbox of the caller's context, so they commit or roll back with that
/// change. Nothing is sent here; <see cref="OutboxSender"/> delivers later.
/// </summary>
public sealed class Notifier(IOptions<MailOptions> mail, IOptions<NotificationOptions> notifications, LocalClock clock, TimeProvider time)
{
    /// <summary>The patient's approval email and one alert per controlled prescription to the pharmacy.</summary>
    public async Task ApprovedAsync(EpsDbContext db, PrescriptionRequest request, IReadOnlyList<Prescription> issued, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.Where(p => p.Id == request.PatientId)
            .Select(p => new { p.User.FullName, Email = p.User.Email ?? p.Email }).SingleAsync(cancellationToken);
        var pharmacy = await db.Pharmacies.SingleAsync(p => p.Id == request.PharmacyId, cancellationToken);
        var baseUrl = mail.Value.BaseUrl.TrimEnd('/');

        Add(db, EmailTemplates.PatientApprovedKind, patient.Email, EmailTemplates.PatientApproved(
            patient.FullName, request.Reference, [.. issued.Select(p => new EmailPrescription(p.RxNumber, $"{p.MedicationDisplay} × {p.Quantity}",
                RepeatText.Label(p.RepeatNumber, p.RepeatsAuthorised)))],
            pharmacy.Name, $"{pharmacy.Address}, {pharmacy.City} {pharmacy.Postcode}", pharmacy.Phone,
            notifications.Value.CollectionTimeline, baseUrl, issued.Count == 0 ? 30 : (int)Math.Round((issued[0].ExpiresAt - issued[0].IssuedAt).TotalDays)));

        foreach (var p in issued.Where(p => p.Schedule.IsControlled()))
        {
            Add(db, EmailTemplates.PharmacyControlledKind, pharmacy.Email, EmailTemplates.PharmacyControlledAlert(
                pharmacy.Name, p.RxNumber, p.MedicationDisplay, p.Schedule == DrugSchedule.Schedule2 ? "Schedule 2" : "Schedule 3", baseUrl));
        }
    }

    public async Task RejectedAsync(EpsDbContext db, int requestId, string reason, CancellationToken cancellationToken)
    {
        var request = await db.PrescriptionRequests.Where(r => r.Id == requestId)
            .Select(r => new { r.Reference, r.Patient.User.FullName, Email = r.Patient.User.Email ?? r.Patient.Email }).SingleAsync(cancellationToken);
        Add(db, EmailTemplates.PatientRejectedKind, request.Email,
            EmailTemplates.PatientRejected(request.FullName, request.Reference, reason, mail.Value.BaseUrl.TrimEnd('/')));
    }

    public async Task CollectedAsync(EpsDbContext db, int prescriptionId, DateTime dispensedAt, CancellationToken cancellationToken)
    {
        var p = await db.Prescriptions.Where(x => x.Id == prescriptionId)
            .Select(x => new
            {
                x.RxNumber, x.MedicationName, x.Strength, x.RepeatNumber, x.RepeatsAuthorised, x.Patient.User.FullName,
                Email = x.Patient.User.Email ?? x.Patient.Email, Pharmacy = x.Pharmacy.Name,
            })
            .SingleAsync(cancellationToken);
        Add(db, EmailTemplates.PatientCollectedKind, p.Email, EmailTemplates.PatientCollected(
            p.FullName, p.RxNumber, $"{p.MedicationName} {p.Strength}".Trim(), clock.FormatWithZone(dispensedAt), p.Pharmacy,
            RepeatText.Label(p.RepeatNumber, p.RepeatsAuthorised)));
    }

    /// <summary>
    /// The patient's email for a repeat issued when the previous one was collected (with its token link), and the
    /// pharmacy's alert when it is a controlled drug, as for any new controlled prescription.
    /// </summary>
    public async Task RepeatIssuedAsync(EpsDbContext db, Prescription repeat, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.Where(p => p.Id == repeat.PatientId)
            .Select(p => new { p.User.FullName, Email = p.User.Email ?? p.Email }).SingleAsync(cancellationToken);
        var pharmacy = await db.Pharmacies.AsNoTracking().SingleAsync(p => p.Id == repeat.PharmacyId, cancellationToken);
        var baseUrl = mail.Value.BaseUrl.TrimEnd('/');
        Add(db, EmailTemplates.PatientRepeatKind, patient.Email, EmailTemplates.PatientRepeatIssued(
            patient.FullName, new EmailPrescription(repeat.RxNumber, $"{repeat.MedicationDisplay} × {repeat.Quantity}",
                RepeatText.Label(repeat.RepeatNumber, repeat.RepeatsAuthorised)),
            RepeatText.Next(repeat.RepeatNumber, repeat.RepeatsAuthorised) ?? "",
            pharmacy.Name, $"{pharmacy.Address}, {pharmacy.City} {pharmacy.Postcode}", pharmacy.Phone, clock.FormatWithZone(repeat.ExpiresAt), baseUrl));

        if (repeat.Schedule.IsControlled())
        {
            Add(db, EmailTemplates.PharmacyControlledKind, pharmacy.Email, EmailTemplates.PharmacyControlledAlert(
                pharmacy.Name, repeat.RxNumber, repeat.MedicationDisplay, repeat.Schedule == DrugSchedule.Schedule2 ? "Schedule 2" : "Schedule 3", baseUrl));
        }
    }

    /// <summary>
    /// The patient's "ready to collect" email, unless one about the same patient and pharmacy was queued within
    /// <see cref="ReadyQuietPeriod"/> (several items prepared together make one email). True when it was queued.
    /// </summary>
    public async Task<bool> ReadyAsync(EpsDbContext db, int prescriptionId, CancellationToken cancellationToken)
    {
        var p = await LifecycleAsync(db, prescriptionId, cancellationToken);
        var regarding = ReadyRegarding(p.PatientId, p.PharmacyId);
        var since = time.GetUtcNow().UtcDateTime - ReadyQuietPeriod;
        if (await db.Outbox.AnyAsync(m => m.Kind == EmailTemplates.PatientReadyKind && m.Regarding == regarding && m.CreatedAt > since, cancellationToken))
        {
            return false;
        }

        Add(db, EmailTemplates.PatientReadyKind, p.Email, EmailTemplates.PatientReady(
            p.FullName, p.Prescription, p.Pharmacy, clock.FormatWithZone(p.ExpiresAt), BaseUrl), regarding);
        return true;
    }

    /// <summary>The patient's email when the prescriber cancels: the reason given, and that no pharmacy will dispense it.</summary>
    public async Task CancelledAsync(EpsDbContext db, int prescriptionId, string? reason, DateTime cancelledAt, CancellationToken cancellationToken)
    {
        var p = await LifecycleAsync(db, prescriptionId, cancellationToken);
        Add(db, EmailTemplates.PatientCancelledKind, p.Email, EmailTemplates.PatientCancelled(
            p.FullName, p.Prescription, p.Prescriber, reason, clock.FormatWithZone(cancelledAt), BaseUrl));
    }

    /// <summary>The patient's reminder that a pending token expires soon.</summary>
    public async Task ExpiryReminderAsync(EpsDbContext db, int prescriptionId, CancellationToken cancellationToken)
    {
        var p = await LifecycleAsync(db, prescriptionId, cancellationToken);
        Add(db, EmailTemplates.PatientExpiryReminderKind, p.Email, EmailTemplates.PatientExpiryReminder(
            p.FullName, p.Prescription, p.Pharmacy, clock.FormatWithZone(p.ExpiresAt), BaseUrl));
    }

    /// <summary>A second "ready" email about the same patient and pharmacy within this time is not sent.</summary>
    public static readonly TimeSpan ReadyQuietPeriod = TimeSpan.FromHours(2);

    /// <summary>What a ready email is about: the patient and the pharmacy, whichever prescription it names.</summary>
    public static string ReadyRegarding(int patientId, int pharmacyId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"patient:{patientId}/pharmacy:{pharmacyId}");

    /// <summary>Adds one message to the context; it is saved with the caller's other changes.</summary>
    public void Add(EpsDbContext db, string kind, string to, EmailContent content, string? regarding = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            CreatedAt = now, Kind = kind, To = to, Subject = Text.Clip(content.Subject, 300)!, TextBody = content.Text,
            HtmlBody = content.Html, Status = OutboxStatus.Pending, NextAttemptAt = now, Regarding = regarding,
        });
    }

    private string BaseUrl => mail.Value.BaseUrl.TrimEnd('/');

    /// <summary>What the lifecycle emails say about a prescription, its patient, prescriber and pharmacy, in one query.</summary>
    private static async Task<LifecycleFacts> LifecycleAsync(EpsDbContext db, int prescriptionId, CancellationToken cancellationToken)
    {
        var p = await db.Prescriptions.AsNoTracking().Where(x => x.Id == prescriptionId)
            .Select(x => new
            {
                x.RxNumber, x.MedicationName, x.Strength, x.Quantity, x.RepeatNumber, x.RepeatsAuthorised, x.ExpiresAt, x.PatientId, x.PharmacyId,
                x.Patient.User.FullName, Email = x.Patient.User.Email ?? x.Patient.Email, Prescriber = x.Prescriber.User.FullName,
                x.Pharmacy.Name, x.Pharmacy.Address, x.Pharmacy.City, x.Pharmacy.Postcode, x.Pharmacy.Phone, x.Pharmacy.OpeningHours,
            })
            .SingleAsync(cancellationToken);
        var medication = string.IsNullOrEmpty(p.Strength) ? p.MedicationName : $"{p.MedicationName} {p.Strength}";
        return new(p.FullName, p.Email, p.Prescriber, p.PatientId, p.PharmacyId, p.ExpiresAt,
            new EmailPrescription(p.RxNumber, $"{medication} × {p.Quantity}", RepeatText.Label(p.RepeatNumber, p.RepeatsAuthorised)),
            new EmailPharmacy(p.Name, $"{p.Address}, {p.City} {p.Postcode}", p.Phone, string.IsNullOrWhiteSpace(p.OpeningHours) ? null : p.OpeningHours));
    }

    private sealed record LifecycleFacts(
        string FullName, string Email, string Prescriber, int PatientId, int PharmacyId, DateTime ExpiresAt,
        EmailPrescription Prescription, EmailPharmacy Pharmacy);
}
