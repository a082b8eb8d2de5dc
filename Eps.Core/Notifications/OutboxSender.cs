using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Eps.Core.Notifications;

/// <summary>
/// Delivers due outbox messages. Rows are claimed with one conditional UPDATE carrying a fresh claim id, so two
/// instances never send the same row; failures back off exponentially and keep the error; nothing is deleted.
/// Each run keeps one SMTP connection for its batch. A claim is a short lease, renewed as the batch goes, so the rows of a sender that dies mid-batch (a killed
/// process) are due again within one lease, not held until a long claim runs out.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<EpsDbContext> dbFactory, IMailTransport transport, IOptions<MailOptions> options, TimeProvider time,
    ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(2);

    /// <summary>Claims tried in a run while other senders take the rows first (each of them takes a whole batch).</summary>
    private const int MaxClaimAttempts = 8;

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claim = Guid.NewGuid().ToString("N");
        var lease = TimeSpan.FromSeconds(options.Value.ClaimSeconds);
        var batch = options.Value.BatchSize;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var unclaimed = db.Outbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now
            && (m.ClaimedUntil == null || m.ClaimedUntil < now));
        var due = unclaimed.OrderBy(m => m.Id).Select(m => m.Id).Take(batch);
        for (var attempt = 1; ; attempt++)
        {
            var claimed = await db.Outbox
                .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, now + lease), cancellationToken);
            if (claimed > 0)
            {
                break;
            }

            // On a server database, senders side by side pick the same first rows; the one that waited on the other's
            // row locks finds them claimed and updates none. That is not "nothing due": pick again past them.
            if (attempt == MaxClaimAttempts || !await unclaimed.AnyAsync(cancellationToken))
            {
                return 0;
            }
        }

        var messages = await db.Outbox.Where(m => m.ClaimedBy == claim).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var sent = 0;
        var renewed = now;
        await using var connection = transport.OpenBatch();
        foreach (var message in messages)
        {
            // Renew the lease on what is left of the batch once a quarter of it has passed (one send takes at most
            // half, so the claim never lapses unnoticed); if it lapsed and another sender took the rows, stop.
            var current = time.GetUtcNow().UtcDateTime;
            if (current - renewed >= lease / 4)
            {
                if (await db.Outbox.Where(m => m.ClaimedBy == claim && m.Status == OutboxStatus.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, current + lease), CancellationToken.None) == 0)
                {
                    break;
                }

                renewed = current;
            }

            sent += await TryDeliverAsync(connection, message, lease / 2, cancellationToken) ? 1 : 0;
            // Recorded before the next send: a crash repeats at most the one message whose record was not written.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return sent;
    }

    /// <summary>One attempt, given at most <paramref name="limit"/> so it ends well inside the lease.</summary>
    private async Task<bool> TryDeliverAsync(IMailBatch connection, OutboxMessage message, TimeSpan limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.ClaimedBy = null;
        message.ClaimedUntil = null;
        try
        {
            using var timeout = new CancellationTokenSource(limit, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await connection.SendAsync(ToMime(message), linked.Token);
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
