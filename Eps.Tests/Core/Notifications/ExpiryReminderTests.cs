using Eps.Core.Dispensing;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

public sealed class ExpiryReminderTests
{
    private static async Task<List<OutboxMessage>> RemindersAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        return await db.Outbox.AsNoTracking().Where(m => m.Kind == EmailTemplates.PatientExpiryReminderKind).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Moves the clock to <paramref name="before"/> ahead of the prescription's expiry.</summary>
    private static void AdvanceTo(CoreHarness core, Prescription rx, TimeSpan before) =>
        core.Time.Advance(rx.ExpiresAt - before - core.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_pending_token_is_reminded_once_three_days_before_it_expires()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var reminders = core.Get<ExpiryReminders>();

        AdvanceTo(core, rx, ExpiryReminders.Lead + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await reminders.SendDueAsync(None));
        core.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await reminders.SendDueAsync(None));
        core.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await reminders.SendDueAsync(None));

        var reminder = Assert.Single(await RemindersAsync(core));
        Assert.Equal(Patient, reminder.To);
        Assert.Contains(rx.RxNumber, reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("WAT", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains("Marina Community Pharmacy", reminder.TextBody, StringComparison.Ordinal);
        await using var db = await core.DbAsync();
        Assert.NotNull((await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).ExpiryReminderSentAt);
    }

    [Fact]
    public async Task Dispensed_cancelled_and_expired_tokens_are_not_reminded()
    {
        await using var core = await CoreHarness.StartAsync();
        var dispensed = await IssueAsync(core);
        var cancelled = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        Assert.True((await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(dispensed.RxNumber, dispensed.Nonce, Scenario.Lagos, pharmacist.FullName, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None)).Succeeded);
        Assert.True((await core.Get<Prescriptions>().CancelAsync(await core.ActorAsync(Doctor), cancelled.RxNumber, "Allergy", None)).Succeeded);

        AdvanceTo(core, dispensed, TimeSpan.FromDays(1));
        Assert.Equal(0, await core.Get<ExpiryReminders>().SendDueAsync(None));
        core.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await core.Get<ExpiryReminders>().SendDueAsync(None));

        Assert.Empty(await RemindersAsync(core));
    }

    [Fact]
    public async Task Two_runs_at_once_send_each_reminder_once()
    {
        await using var core = await CoreHarness.StartAsync();
        var issued = new List<Prescription>();
        for (var i = 0; i < 4; i++)
        {
            issued.Add(await IssueAsync(core));
        }

        AdvanceTo(core, issued[^1], TimeSpan.FromDays(2));
        var reminders = core.Get<ExpiryReminders>();

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => reminders.SendDueAsync(None))));

        Assert.Equal(issued.Count, runs.Sum());
        var sent = await RemindersAsync(core);
        Assert.Equal(issued.Count, sent.Count);
        Assert.Equal(issued.Select(p => p.RxNumber).Order(), sent.Select(m => issued.Single(p => m.TextBody.Contains(p.RxNumber, StringComparison.Ordinal)).RxNumber).Order());
    }
}
