using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using static Eps.Tests.Core.Notifications.NotificationKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>The 08:00 Lagos digest: on time, right counts, once per pharmacy per day, caught up after downtime.</summary>
public sealed class DigestTests
{
    private static readonly TimeZoneInfo Lagos = TimeZoneInfo.FindSystemTimeZoneById("Africa/Lagos");
    private static readonly DateOnly Saturday = new(2026, 11, 28);

    /// <summary>UTC instant of a wall-clock time in Lagos (WAT, UTC+1 all year).</summary>
    private static DateTimeOffset InLagos(DateOnly day, int hour, int minute = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), Lagos), TimeSpan.Zero);

    [Fact]
    public async Task At_eight_in_Lagos_each_pharmacy_with_pending_unexpired_work_gets_one_digest_with_its_counts()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueWeekdayWorkAsync(core);
        var digests = core.Get<DigestService>();

        core.Time.SetUtcNow(InLagos(Saturday, 7, 59));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 59, 0, TimeSpan.Zero), core.Time.GetUtcNow());
        Assert.Equal(0, await digests.RunIfDueAsync(None));
        Assert.Empty(await DigestMailsAsync(core));

        core.Time.SetUtcNow(InLagos(Saturday, 8));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero), core.Time.GetUtcNow());
        Assert.Equal(2, await digests.RunIfDueAsync(None));

        Assert.Equal(
            [("Marina Community Pharmacy", Saturday, 2, 2, 1), ("Wuse Central Pharmacy", Saturday, 1, 0, 1)],
            await RecordsAsync(core));
        Assert.Equal(
            [(MarinaEmail, "Daily digest: 5 prescriptions waiting"), (WuseEmail, "Daily digest: 2 prescriptions waiting")],
            (await DigestMailsAsync(core)).Select(m => (m.To, m.Subject)));
        var marina = (await DigestMailsAsync(core))[0];
        Assert.Contains("Routine: 2", marina.TextBody, StringComparison.Ordinal);
        Assert.Contains("Controlled: 2", marina.TextBody, StringComparison.Ordinal);
        Assert.Contains("High risk: 1", marina.TextBody, StringComparison.Ordinal);
        Assert.Contains("Total: 5", marina.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_goes_once_per_pharmacy_per_day_however_many_runs_and_instances()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueWeekdayWorkAsync(core);
        var digests = core.Get<DigestService>();
        var other = ActivatorUtilities.CreateInstance<DigestService>(core.Services);
        var third = ActivatorUtilities.CreateInstance<DigestService>(core.Services);

        core.Time.SetUtcNow(InLagos(Saturday, 8));
        Assert.Equal(2, await digests.RunIfDueAsync(None));
        Assert.Equal(0, await digests.RunIfDueAsync(None));
        core.Time.SetUtcNow(InLagos(Saturday, 18));
        Assert.Equal(new[] { 0, 0, 0 }, await Task.WhenAll(RunAsync(digests), RunAsync(other), RunAsync(third)));
        Assert.Equal(2, (await DigestMailsAsync(core)).Count);

        // The next morning three instances race for the same two digests: the unique record lets one of them win each.
        var sunday = Saturday.AddDays(1);
        core.Time.SetUtcNow(InLagos(sunday, 8));
        Assert.Equal(2, (await Task.WhenAll(RunAsync(digests), RunAsync(other), RunAsync(third))).Sum());
        Assert.Equal(0, await digests.RunIfDueAsync(None));

        var records = await RecordsAsync(core);
        Assert.Equal(4, records.Count);
        Assert.Equal(2, records.Count(r => r.Date == sunday));
        var mails = await DigestMailsAsync(core);
        Assert.Equal(4, mails.Count);
        Assert.Equal(2, mails.Count(m => m.To == MarinaEmail));
        Assert.Equal(2, mails.Count(m => m.To == WuseEmail));
    }

    [Fact]
    public async Task After_downtime_over_eight_the_digest_is_sent_when_the_app_runs_again_that_day()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueWeekdayWorkAsync(core);

        // Down from Friday evening until 13:00 on Saturday: the first run (the start-up trigger) still sends Saturday's.
        core.Time.SetUtcNow(InLagos(Saturday, 13));
        Assert.Equal(2, await core.Get<DigestService>().RunIfDueAsync(None));

        Assert.Equal([Saturday, Saturday], (await RecordsAsync(core)).Select(r => r.Date));
        Assert.Equal(0, await core.Get<DigestService>().RunIfDueAsync(None));
    }

    [Fact]
    public async Task Pharmacies_whose_work_is_all_collected_or_expired_get_no_digest()
    {
        await using var core = await CoreHarness.StartAsync();
        var collected = await Scenario.IssueAsync(core.Services, "Amoxicillin", GardenCity);
        await DispenseAsync(core, collected.RxNumber);
        var expiring = await Scenario.IssueAsync(core.Services, "Paracetamol", Scenario.Abuja, Patient2);
        await ExpireTonightAsync(core, expiring.RxNumber);

        core.Time.SetUtcNow(InLagos(Saturday, 8));

        Assert.Equal(0, await core.Get<DigestService>().RunIfDueAsync(None));
        Assert.Empty(await RecordsAsync(core));
        Assert.Empty(await DigestMailsAsync(core));
    }

    [Fact]
    public void The_quartz_schedule_fires_at_eight_in_Lagos_which_is_seven_utc()
    {
        var cron = NotificationSchedules.DigestCron(new NotificationOptions());
        var expression = new CronExpression(cron, Lagos);

        Assert.Equal("0 0 8 * * ?", cron);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero), expression.GetNextValidTimeAfter(CoreHarness.StartTime));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero),
            expression.GetNextValidTimeAfter(new DateTimeOffset(2026, 11, 28, 6, 59, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero),
            expression.GetNextValidTimeAfter(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero)));
        // No daylight saving in Lagos: still 07:00 UTC in June.
        Assert.Equal(new DateTimeOffset(2027, 6, 15, 7, 0, 0, TimeSpan.Zero),
            expression.GetNextValidTimeAfter(new DateTimeOffset(2027, 6, 14, 12, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>
    /// Friday's state: Marina has 2 routine, 2 controlled and 1 high-risk pending, plus one collected and one that
    /// expires tonight; Wuse has 1 routine and 1 high-risk; Garden City's only prescription was collected.
    /// </summary>
    private static async Task IssueWeekdayWorkAsync(CoreHarness core)
    {
        foreach (var drug in new[] { "Amoxicillin", "Paracetamol", "Morphine sulfate", "Tramadol", "Warfarin" })
        {
            await Scenario.IssueAsync(core.Services, drug, Scenario.Lagos);
        }

        await DispenseAsync(core, (await Scenario.IssueAsync(core.Services, "Amoxicillin", Scenario.Lagos)).RxNumber);
        await ExpireTonightAsync(core, (await Scenario.IssueAsync(core.Services, "Metformin", Scenario.Lagos)).RxNumber);
        await Scenario.IssueAsync(core.Services, "Insulin glargine", Scenario.Abuja, Patient2);
        await Scenario.IssueAsync(core.Services, "Cetirizine", Scenario.Abuja, Patient2);
        await DispenseAsync(core, (await Scenario.IssueAsync(core.Services, "Amoxicillin", GardenCity)).RxNumber);
    }

    /// <summary>Stands in for a prescription issued 30 days ago: it expires at 22:00 tonight, before the digest.</summary>
    private static async Task ExpireTonightAsync(CoreHarness core, string rxNumber)
    {
        await using var db = await core.DbAsync();
        var tonight = CoreHarness.StartTime.UtcDateTime.AddHours(12);
        await db.Prescriptions.Where(p => p.RxNumber == rxNumber).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, tonight));
    }

    private static Task<int> RunAsync(DigestService digests) => Task.Run(() => digests.RunIfDueAsync(None));

    private static async Task<List<(string Pharmacy, DateOnly Date, int Routine, int Controlled, int HighRisk)>> RecordsAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        var rows = await db.DigestRecords.AsNoTracking()
            .Join(db.Pharmacies, d => d.PharmacyId, p => p.Id, (d, p) => new { p.Name, d.Date, d.Routine, d.Controlled, d.HighRisk })
            .ToListAsync();
        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => (r.Name, r.Date, r.Routine, r.Controlled, r.HighRisk))];
    }

    private static async Task<List<OutboxMessage>> DigestMailsAsync(CoreHarness core) =>
        [.. (await OutboxAsync(core)).Where(m => m.Kind == EmailTemplates.PharmacyDigestKind)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.To, StringComparer.Ordinal)];
}
