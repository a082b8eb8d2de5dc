using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Notifications.NotificationKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>
/// The delivery job's senders run side by side. Each must come back with a batch of its own while mail is due: on a
/// server database they race for the same first rows, and a sender that lost the race must not stop as if the outbox
/// were empty (that left one sender doing the work of all).
/// </summary>
public sealed class ParallelSendersTests
{
    [Fact]
    public async Task A_sender_that_waited_on_rows_another_sender_claimed_takes_the_next_batch()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp, ("Mail:BatchSize", "5"));
        await QueueAsync(core, 10);
        var sender = core.Get<OutboxSender>();

        // Another sender's claim of the first five rows, not yet committed when this sender picks the same five.
        await using var other = await core.DbAsync();
        Task<int>? racing = null;
        await other.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var claim = await other.Database.BeginTransactionAsync();
            var firstFive = await other.Outbox.OrderBy(m => m.Id).Select(m => m.Id).Take(5).ToListAsync();
            await other.Outbox.Where(m => firstFive.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, "other-sender").SetProperty(m => m.ClaimedUntil, core.Time.GetUtcNow().UtcDateTime.AddMinutes(5)));
            racing = Task.Run(() => sender.DeliverDueAsync(None));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await claim.CommitAsync();
        });

        Assert.Equal(5, await racing!.WaitAsync(TimeSpan.FromSeconds(30)));
        await using var db = await core.DbAsync();
        Assert.Equal(
            (await db.Outbox.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync())[5..],
            await db.Outbox.Where(m => m.Status == OutboxStatus.Sent).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
    }

    [Fact]
    public async Task Senders_started_together_send_everything_once()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp, ("Mail:BatchSize", "5"));
        await QueueAsync(core, 20);
        var sender = core.Get<OutboxSender>();

        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DeliverAllAsync(sender))));

        Assert.Equal(20, sent.Sum());
        Assert.Equal(20, smtp.Count);
        await using var db = await core.DbAsync();
        Assert.Equal(20, await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1));
    }
}
