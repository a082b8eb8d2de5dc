using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Eps.Core.Notifications;

/// <summary>
/// Delivers due outbox messages. Rows are claimed with one conditional UPDATE carrying a fresh claim id, so two
/// instances never send the same row; failures back off exponentially and keep the error; nothing is deleted.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<EpsDbContext> dbFactory, IMailTransport transport, IOptions<MailOptions> options, TimeProvider time,
    ILogger<OutboxSender> logger)
{
    // Longer than a whole batch can take (batch size × the 30 s SMTP timeout), so a claim never lapses mid-batch.
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(2);

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claim = Guid.NewGuid().ToString("N");
        var until = now + ClaimFor;
        var batch = options.Value.BatchSize;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var due = db.Outbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now
                && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(batch);
        var claimed = await db.Outbox
            .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        var messages = await db.Outbox.Where(m => m.ClaimedBy == claim).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var message in messages)
        {
            sent += await TryDeliverAsync(message, cancellationToken) ? 1 : 0;
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return sent;
    }

    private async Task<bool> TryDeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.ClaimedBy = null;
        message.ClaimedUntil = null;
        try
        {
            await transport.SendAsync(ToMime(message), cancellationToken);
            message.Status = OutboxStatus.Sent;
            message.SentAt = now;
            message.LastError = null;
            return true;
        }
#pragma warning disable CA1031 // Any transport failure is recorded on the row and retried; it must not stop the batch.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            message.LastError = Text.Clip($"{e.GetType().Name}: {e.Message}", 2000);
            var backoff = TimeSpan.FromSeconds(options.Value.FirstRetrySeconds * Math.Pow(2, Math.Min(message.Attempts - 1, 16)));
            message.NextAttemptAt = now + (backoff < MaxBackoff ? backoff : MaxBackoff);
            if (message.Attempts >= options.Value.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
            }

            logger.LogWarning("Email {Id} ({Kind}) attempt {Attempt} failed: {Error}", message.Id, message.Kind, message.Attempts, message.LastError);
            return false;
        }
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = $"outbox-{message.Id}-{message.CreatedAt:yyyyMMddHHmmss}@eps",
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }
}
