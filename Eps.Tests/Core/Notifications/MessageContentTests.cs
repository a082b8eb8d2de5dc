using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Notifications.NotificationKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>Each kind of email, as it arrives at a real SMTP server on loopback.</summary>
public sealed class MessageContentTests
{
    // What a pharmacy must never receive by email about the demo patient.
    private static readonly string[] PatientDetails = ["Adaeze", "Okafor", "1234567890", "123 456 7890", Patient];

    [Fact]
    public async Task An_approved_patient_gets_their_prescription_ids_pharmacy_address_timeline_and_token_link()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        var requestId = await SubmitAsync(core, Patient, Scenario.Lagos, Amoxicillin, Warfarin);
        var ids = await ApproveAsync(core, requestId);

        Assert.Equal(1, await DeliverAllAsync(core));

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(Patient, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("no-reply@eps.test", Assert.Single(mail.From.Mailboxes).Address);
        var reference = (await ViewAsync(core, requestId)).Reference;
        Assert.Equal($"Approved: your prescriptions from request {reference}", mail.Subject);
        var (text, html) = Bodies(mail);
        Assert.Equal(2, ids.Count);
        foreach (var body in new[] { text, html })
        {
            Assert.All(ids, id => Assert.Contains(id, body, StringComparison.Ordinal));
            Assert.Contains("Amoxicillin 500 mg", body, StringComparison.Ordinal);
            Assert.Contains("Warfarin 5 mg", body, StringComparison.Ordinal);
            Assert.Contains("Marina Community Pharmacy", body, StringComparison.Ordinal);
            Assert.Contains("12 Broad Street, Lagos Island, Lagos 101001", body, StringComparison.Ordinal);
            Assert.Contains("usually within 2 working days", body, StringComparison.Ordinal);
            Assert.Contains("Adaeze Okafor", body, StringComparison.Ordinal);
        }

        Assert.Contains($"{BaseUrl}/prescriptions", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{BaseUrl}/prescriptions\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routine_and_high_risk_prescriptions_send_the_pharmacy_nothing()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        await IssueAsync(core, Patient, Scenario.Lagos, Paracetamol, Warfarin);
        await IssueAsync(core, Patient2, Scenario.Abuja, Amoxicillin);
        await IssueAsync(core, Patient2, Scenario.Abuja, ("Insulin glargine", "100 units/mL", 5));

        Assert.Equal(3, await DeliverAllAsync(core));

        Assert.Single(smtp.To(Patient));
        Assert.Equal(2, smtp.To(Patient2).Count);
        Assert.Empty(smtp.To(MarinaEmail));
        Assert.Empty(smtp.To(WuseEmail));
    }

    [Fact]
    public async Task A_controlled_prescription_alerts_the_pharmacy_with_id_medication_and_schedule_but_not_the_patient()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        var ids = await IssueAsync(core, Patient, Scenario.Lagos, Morphine, Tramadol, Amoxicillin);
        var rx = await RxByMedicationAsync(core, ids);

        Assert.Equal(3, await DeliverAllAsync(core));

        var alerts = smtp.To(MarinaEmail).OrderBy(m => m.Subject, StringComparer.Ordinal).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Equal([$"Controlled drug (Schedule 2): {rx["Morphine sulfate"]}", $"Controlled drug (Schedule 3): {rx["Tramadol"]}"],
            alerts.Select(m => m.Subject));
        foreach (var (alert, medication, schedule) in new[] { (alerts[0], "Morphine sulfate 10 mg", "Schedule 2"), (alerts[1], "Tramadol 50 mg", "Schedule 3") })
        {
            var (text, html) = Bodies(alert);
            foreach (var body in new[] { text, html })
            {
                Assert.Contains(medication, body, StringComparison.Ordinal);
                Assert.Contains(schedule, body, StringComparison.Ordinal);
            }

            Assert.Contains($"{BaseUrl}/pharmacy/queue", text, StringComparison.Ordinal);
            var visible = Visible(alert);
            Assert.All(PatientDetails, detail => Assert.DoesNotContain(detail, visible, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(rx["Amoxicillin"], visible, StringComparison.Ordinal);
        }

        // The patient's own email lists all three.
        Assert.All(ids, id => Assert.Contains(id, Assert.Single(smtp.To(Patient)).TextBody, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rejected_patient_is_told_the_reason(bool byPharmacist)
    {
        const string Reason = "Warfarin needs a recent INR result first; please book a clinic visit.";
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        var requestId = await SubmitAsync(core, Patient, Scenario.Lagos, Warfarin);
        var rejected = byPharmacist
            ? await core.Get<Triage>().RejectAsync(await core.ActorAsync(LagosPharmacist), requestId, Reason, None)
            : await core.Get<Reviews>().RejectAsync(await core.ActorAsync(Doctor), requestId, Reason, None);
        Assert.True(rejected.Succeeded, rejected.Message);

        Assert.Equal(1, await DeliverAllAsync(core));

        var mail = Assert.Single(smtp.To(Patient));
        var reference = (await ViewAsync(core, requestId)).Reference;
        Assert.Equal($"Not approved: request {reference}", mail.Subject);
        var (text, html) = Bodies(mail);
        Assert.Contains($"Reason: {Reason}", text, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Reason), html, StringComparison.Ordinal);
        Assert.Contains($"{BaseUrl}/requests", text, StringComparison.Ordinal);
        Assert.Empty(smtp.To(MarinaEmail));
    }

    [Fact]
    public async Task A_collection_tells_the_patient_when_and_where()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        var rx = Assert.Single(await IssueAsync(core, Patient, Scenario.Lagos, Amoxicillin));
        core.Time.Advance(TimeSpan.FromMinutes(205)); // 12:25 UTC = 13:25 in Lagos (WAT, UTC+1)
        await DispenseAsync(core, rx);

        Assert.Equal(2, await DeliverAllAsync(core));

        var mail = Assert.Single(smtp.To(Patient), m => m.Subject?.StartsWith("Collected", StringComparison.Ordinal) == true);
        Assert.Equal($"Collected: {rx}", mail.Subject);
        var (text, html) = Bodies(mail);
        foreach (var body in new[] { text, html })
        {
            Assert.Contains(rx, body, StringComparison.Ordinal);
            Assert.Contains("Amoxicillin 500 mg", body, StringComparison.Ordinal);
            Assert.Contains("Marina Community Pharmacy", body, StringComparison.Ordinal);
            Assert.Contains("27 Nov 2026 at 13:25 WAT", body, StringComparison.Ordinal);
        }

        Assert.Empty(smtp.To(MarinaEmail));
    }

    [Fact]
    public async Task The_daily_digest_gives_the_pharmacy_its_counts_and_a_queue_link()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        await IssueAsync(core, Patient, Scenario.Lagos, Amoxicillin, Paracetamol, Warfarin);
        await IssueAsync(core, Patient, Scenario.Lagos, Morphine);
        await DeliverAllAsync(core);
        core.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero));

        Assert.Equal(1, await core.Get<DigestService>().RunIfDueAsync(None));
        Assert.Equal(1, await DeliverAllAsync(core));

        var digest = Assert.Single(smtp.To(MarinaEmail), m => m.Subject?.StartsWith("Daily digest", StringComparison.Ordinal) == true);
        Assert.Equal("Daily digest: 4 prescriptions waiting", digest.Subject);
        var (text, html) = Bodies(digest);
        foreach (var line in new[] { "Routine: 2", "Controlled: 1", "High risk: 1", "Total: 4", "Saturday 28 November 2026", $"{BaseUrl}/pharmacy/queue" })
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }

        Assert.Contains("<td>Routine</td><td><b>2</b></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Total</td><td><b>4</b></td>", html, StringComparison.Ordinal);
        Assert.All(PatientDetails, detail => Assert.DoesNotContain(detail, Visible(digest), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(smtp.Messages, m => m.To.Mailboxes.Any(b => b.Address == WuseEmail));
    }

    private static async Task<Dictionary<string, string>> RxByMedicationAsync(CoreHarness core, IReadOnlyList<string> ids)
    {
        await using var db = await core.DbAsync();
        return await db.Prescriptions.Where(p => ids.Contains(p.RxNumber)).ToDictionaryAsync(p => p.MedicationName, p => p.RxNumber);
    }
}
