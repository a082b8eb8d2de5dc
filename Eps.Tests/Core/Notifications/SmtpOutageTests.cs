using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Notifications.NotificationKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>An SMTP outage delays mail but never loses it and never fails the change that caused it.</summary>
public sealed class SmtpOutageTests
{
    [Fact]
    public async Task With_the_server_down_approval_succeeds_and_the_email_is_retried_with_growing_pauses_then_sent_once()
    {
        using var smtp = SmtpSink.Down();
        await using var core = await StartAsync(smtp);
        var rx = Assert.Single(await IssueAsync(core, Patient, Scenario.Lagos, Amoxicillin));
        var sender = core.Get<OutboxSender>();

        var pauses = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (attempt > 1)
            {
                core.Time.SetUtcNow((await SingleAsync(core)).NextAttemptAt);
            }

            Assert.Equal(0, await sender.DeliverDueAsync(None));
            var row = await SingleAsync(core);
            Assert.Equal(OutboxStatus.Pending, row.Status);
            Assert.Equal(attempt, row.Attempts);
            Assert.Contains("refused", row.LastError, StringComparison.OrdinalIgnoreCase);
            Assert.Null(row.SentAt);
            pauses.Add(row.NextAttemptAt - core.Time.GetUtcNow().UtcDateTime);

            // Not due yet: no attempt is made however often the job runs.
            Assert.Equal(0, await sender.DeliverDueAsync(None));
            Assert.Equal(attempt, (await SingleAsync(core)).Attempts);
        }

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], pauses);

        // The server is back, but the message waits for its next attempt time.
        smtp.Listen();
        Assert.Equal(0, await DeliverAllAsync(sender));
        Assert.Equal(0, smtp.Count);
        var due = (await SingleAsync(core)).NextAttemptAt;
        core.Time.SetUtcNow(due.AddSeconds(1));
        Assert.Equal(1, await DeliverAllAsync(sender));
        core.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await DeliverAllAsync(sender));

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(Patient, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains(rx, mail.TextBody, StringComparison.Ordinal);
        var sent = await SingleAsync(core);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(4, sent.Attempts);
        Assert.Equal(due.AddSeconds(1), sent.SentAt);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task After_the_last_attempt_the_email_is_failed_until_an_admin_retries_it()
    {
        using var smtp = SmtpSink.Down();
        await using var core = await StartAsync(smtp, ("Mail:MaxAttempts", "3"));
        await IssueAsync(core, Patient, Scenario.Lagos, Amoxicillin);
        var sender = core.Get<OutboxSender>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(0, await sender.DeliverDueAsync(None));
            core.Time.SetUtcNow((await SingleAsync(core)).NextAttemptAt);
        }

        var failed = await SingleAsync(core);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(failed.LastError));

        // Failed is final for the job, even once the server is back.
        smtp.Listen();
        core.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await DeliverAllAsync(sender));
        Assert.Equal(0, smtp.Count);
        var (rows, total) = await core.Get<OutboxAdmin>().ListAsync(OutboxStatus.Failed, 0, 50, None);
        Assert.Equal(1, total);
        Assert.Equal(failed.LastError, Assert.Single(rows).LastError);

        Assert.True(await core.Get<OutboxAdmin>().RetryNowAsync(failed.Id, None));
        Assert.Equal(1, await DeliverAllAsync(sender));

        Assert.Single(smtp.To(Patient));
        var sent = await SingleAsync(core);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.False(await core.Get<OutboxAdmin>().RetryNowAsync(failed.Id, None));
        Assert.Equal(0, await DeliverAllAsync(sender));
        Assert.Equal(1, smtp.Count);
    }

    private static async Task<OutboxMessage> SingleAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        return await db.Outbox.AsNoTracking().SingleAsync();
    }
}
