using Eps.Core.Dispensing;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Dispensing;

public sealed class ReadyForCollectionTests
{
    private static async Task<ReadyOutcome> MarkAsync(CoreHarness core, string rxNumber, string pharmacist = LagosPharmacist) =>
        await core.Get<ReadyForCollection>().MarkReadyAsync(await core.ActorAsync(pharmacist), rxNumber, None);

    private static async Task<List<OutboxMessage>> ReadyEmailsAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        return await db.Outbox.AsNoTracking().Where(m => m.Kind == EmailTemplates.PatientReadyKind).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task A_pending_prescription_marked_ready_stays_dispensable_and_reads_ready_to_collect()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var events = new List<QueueChanged>();
        using var _ = core.Get<IQueueEvents>().Subscribe(rx.PharmacyId, c => { lock (events) { events.Add(c); } return Task.CompletedTask; });
        core.Time.Advance(TimeSpan.FromHours(1));

        var outcome = await MarkAsync(core, rx.RxNumber);

        Assert.Equal(ReadyStatus.Ready, outcome.Status);
        Assert.True(outcome.Emailed);
        Assert.Equal(core.Time.GetUtcNow().UtcDateTime, outcome.ReadyAt);
        var mine = Assert.Single(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None));
        Assert.Equal(PrescriptionState.PendingCollection, mine.State);
        Assert.True(mine.IsReady);
        Assert.Equal("Ready to collect", mine.PatientStateLabel);
        await using (var db = await core.DbAsync())
        {
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Kind == ReadyForCollection.AuditKind && e.Subject == rx.RxNumber));
            Assert.NotNull((await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).ReadyByUserId);
        }

        var pending = await core.Get<QueueQuery>().PageAsync(rx.PharmacyId, new QueueFilter(), 0, 25, None);
        Assert.True(Assert.Single(pending.Rows, r => r.PrescriptionId == rx.RxNumber).IsReady);
        var ready = await core.Get<QueueQuery>().PageAsync(rx.PharmacyId, new QueueFilter(QueueTab.Ready), 0, 25, None);
        Assert.Equal(rx.RxNumber, Assert.Single(ready.Rows).PrescriptionId);
        await WaitForAsync(() => { lock (events) { return events.Any(e => e.Kind == QueueChangeKind.Ready && e.PrescriptionId == rx.RxNumber); } });

        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var dispensed = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None);
        Assert.True(dispensed.Succeeded, dispensed.Message);
        Assert.Empty((await core.Get<QueueQuery>().PageAsync(rx.PharmacyId, new QueueFilter(QueueTab.Ready), 0, 25, None)).Rows);
    }

    [Fact]
    public async Task Marking_again_changes_nothing_and_sends_nothing()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var first = await MarkAsync(core, rx.RxNumber);
        core.Time.Advance(TimeSpan.FromHours(3));

        var again = await MarkAsync(core, rx.RxNumber);

        Assert.Equal(ReadyStatus.AlreadyReady, again.Status);
        Assert.True(again.Succeeded);
        Assert.Equal(first.ReadyAt, again.ReadyAt);
        Assert.Single(await ReadyEmailsAsync(core));
    }

    [Fact]
    public async Task Only_a_pending_prescription_can_be_marked_ready()
    {
        await using var core = await CoreHarness.StartAsync();
        var dispensed = await IssueAsync(core);
        var cancelled = await IssueAsync(core);
        var expired = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        Assert.True((await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(dispensed.RxNumber, dispensed.Nonce, Scenario.Lagos, pharmacist.FullName, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None)).Succeeded);
        Assert.True((await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), cancelled.RxNumber, "Allergy", None)).Succeeded);

        Assert.Equal(PrescriptionState.Dispensed, (await MarkAsync(core, dispensed.RxNumber)).State);
        Assert.Equal(PrescriptionState.Cancelled, (await MarkAsync(core, cancelled.RxNumber)).State);
        core.Time.Advance(expired.ExpiresAt - core.Time.GetUtcNow().UtcDateTime);
        var late = await MarkAsync(core, expired.RxNumber);

        Assert.Equal(ReadyStatus.NotPending, late.Status);
        Assert.Equal(PrescriptionState.Expired, late.State);
        Assert.Empty(await ReadyEmailsAsync(core));
        await using var db = await core.DbAsync();
        Assert.False(await db.Prescriptions.AnyAsync(p => p.ReadyAt != null));
    }

    [Fact]
    public async Task Another_pharmacy_or_someone_else_cannot_mark_it_and_an_unknown_id_is_not_found()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);

        Assert.Equal(ReadyStatus.WrongPharmacy, (await MarkAsync(core, rx.RxNumber, AbujaPharmacist)).Status);
        Assert.Equal(ReadyStatus.WrongPharmacy, (await MarkAsync(core, rx.RxNumber, Doctor)).Status);
        Assert.Equal(ReadyStatus.NotFound, (await MarkAsync(core, "PHB-RX-00000000")).Status);
        await using var db = await core.DbAsync();
        Assert.Null((await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).ReadyAt);
    }

    [Fact]
    public async Task One_email_per_patient_and_pharmacy_in_two_hours_with_the_pharmacys_details()
    {
        await using var core = await CoreHarness.StartAsync();
        var first = await IssueAsync(core);
        var second = await IssueAsync(core);
        var third = await IssueAsync(core);

        Assert.True((await MarkAsync(core, first.RxNumber)).Emailed);
        core.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        var within = await MarkAsync(core, second.RxNumber);
        core.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await MarkAsync(core, third.RxNumber);

        Assert.Equal(ReadyStatus.Ready, within.Status);
        Assert.False(within.Emailed);
        Assert.True(after.Emailed);
        var emails = await ReadyEmailsAsync(core);
        Assert.Equal(2, emails.Count);
        Assert.All(emails, m => Assert.Equal(Patient, m.To));
        Assert.Contains(first.RxNumber, emails[0].TextBody, StringComparison.Ordinal);
        Assert.Contains(third.RxNumber, emails[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_email_names_the_pharmacy_its_address_phone_and_opening_hours_only_when_set()
    {
        await using var core = await CoreHarness.StartAsync();
        var withoutHours = await IssueAsync(core);
        await MarkAsync(core, withoutHours.RxNumber);
        await using (var db = await core.DbAsync())
        {
            await db.Pharmacies.Where(p => p.Id == withoutHours.PharmacyId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.OpeningHours, "Mon–Sat 8:00–20:00"));
        }

        core.Time.Advance(TimeSpan.FromHours(2));
        var withHours = await IssueAsync(core);
        await MarkAsync(core, withHours.RxNumber);

        var emails = await ReadyEmailsAsync(core);
        Assert.Equal(2, emails.Count);
        await using var read = await core.DbAsync();
        var pharmacy = await read.Pharmacies.AsNoTracking().SingleAsync(p => p.Id == withHours.PharmacyId);
        foreach (var body in new[] { emails[0].TextBody, emails[0].HtmlBody, emails[1].TextBody, emails[1].HtmlBody })
        {
            Assert.Contains(pharmacy.Name, body, StringComparison.Ordinal);
            Assert.Contains(pharmacy.Address, body, StringComparison.Ordinal);
            Assert.Contains(pharmacy.Phone, body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Opening hours", emails[0].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Opening hours", emails[0].HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Opening hours: Mon–Sat 8:00–20:00", emails[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("Mon–Sat 8:00–20:00", emails[1].HtmlBody, StringComparison.Ordinal);
        Assert.Contains("WAT", emails[1].TextBody, StringComparison.Ordinal);
        Assert.StartsWith($"Ready to collect at {pharmacy.Name}", emails[1].Subject, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
