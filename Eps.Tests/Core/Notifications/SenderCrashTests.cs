using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Eps.Tests.Core.Notifications.NotificationKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>
/// A sender killed in the middle of a batch (the process dies inside an SMTP send) must not hold its claimed rows
/// for long: another sender delivers them once the short lease has run out, and each is sent once.
/// </summary>
public sealed class SenderCrashTests
{
    [Fact]
    public async Task Rows_claimed_by_a_sender_that_died_mid_batch_are_delivered_by_another_after_one_lease()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        for (var i = 0; i < 3; i++)
        {
            await IssueAsync(core, Patient, Scenario.Lagos, Amoxicillin);
        }

        var frozen = new FrozenTransport();
        var dead = ActivatorUtilities.CreateInstance<OutboxSender>(core.Services, frozen);
        var dying = dead.DeliverDueAsync(None);
        await frozen.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var sender = core.Get<OutboxSender>();

        // The whole batch is claimed by the dead sender for one lease (Mail:ClaimSeconds, 120 s by default)…
        Assert.Equal(0, await sender.DeliverDueAsync(None));
        core.Time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(0, await sender.DeliverDueAsync(None));

        // …and no longer: a crashed instance delays its mail by two minutes, not half an hour.
        core.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, await DeliverAllAsync(sender));
        Assert.Equal(3, smtp.Count);
        await using (var db = await core.DbAsync())
        {
            Assert.Equal(3, await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1 && m.ClaimedBy == null));
        }

        // Should the frozen sender wake up after all, it finds its claim gone and sends nothing more.
        frozen.Release();
        Assert.Equal(1, await dying.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, frozen.Calls);
        Assert.Equal(3, smtp.Count);
    }

    /// <summary>A transport that blocks inside its first send, ignoring cancellation, as a killed process would.</summary>
    private sealed class FrozenTransport : IMailTransport
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public void Release() => _release.TrySetResult();

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Calls++;
            Entered.TrySetResult();
            await _release.Task;
        }
    }
}
