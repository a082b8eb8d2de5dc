using System.Globalization;
using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Eps.Tests.Core.Notifications.NotificationKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>Two instances running the delivery job over one database send each message once.</summary>
public sealed class ConcurrentDeliveryTests
{
    private const int Messages = 60;

    [Fact]
    public async Task Two_senders_draining_the_same_outbox_send_every_message_exactly_once()
    {
        using var smtp = SmtpSink.Start();
        // Small batches so the two senders take turns claiming rather than one taking everything.
        await using var core = await StartAsync(smtp, ("Mail:BatchSize", "4"));
        await using (var db = await core.DbAsync())
        {
            var notifier = core.Get<Notifier>();
            for (var i = 0; i < Messages; i++)
            {
                var n = i.ToString("D3", CultureInfo.InvariantCulture);
                notifier.Add(db, "test.bulk", $"patient{n}@eps.test", new EmailContent($"Message {n}", $"Text {n}", $"<p>Html {n}</p>"));
            }

            await db.SaveChangesAsync();
        }

        var first = ActivatorUtilities.CreateInstance<OutboxSender>(core.Services);
        var second = ActivatorUtilities.CreateInstance<OutboxSender>(core.Services);

        var counts = await Task.WhenAll(Task.Run(() => DeliverAllAsync(first)), Task.Run(() => DeliverAllAsync(second)));

        Assert.Equal(Messages, counts.Sum());
        Assert.All(counts, c => Assert.True(c > 0, "both instances should have taken part"));
        Assert.Equal(Messages, smtp.Count);
        var subjects = smtp.Messages.Select(m => m.Subject).ToList();
        Assert.Equal(Messages, subjects.Distinct(StringComparer.Ordinal).Count());
        Assert.All(smtp.Messages, m => Assert.Equal($"patient{m.Subject![^3..]}@eps.test", Assert.Single(m.To.Mailboxes).Address));
        await using (var db = await core.DbAsync())
        {
            Assert.Equal(Messages, await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1 && m.ClaimedBy == null));
        }

        Assert.Equal(0, await DeliverAllAsync(first) + await DeliverAllAsync(second));
        Assert.Equal(Messages, smtp.Count);
    }
}
