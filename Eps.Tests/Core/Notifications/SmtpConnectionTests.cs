using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Notifications.NotificationKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>
/// A delivery run sends its claimed batch over one SMTP connection (a new connection per message capped delivery at
/// about 20 emails a second), and a connection the server drops mid-batch is opened again for the next message.
/// </summary>
public sealed class SmtpConnectionTests
{
    [Fact]
    public async Task A_batch_of_emails_goes_out_over_one_connection()
    {
        using var smtp = SmtpSink.Start();
        using var relay = ConnectionCounter.Start(smtp.Port);
        await using var core = await StartAsync(smtp, ("Mail:Port", relay.Port.ToString(CultureInfo.InvariantCulture)), ("Mail:BatchSize", "10"));
        await QueueAsync(core, 25);

        var sender = core.Get<OutboxSender>();
        Assert.Equal(10, await sender.DeliverDueAsync(None));
        Assert.Equal(1, relay.Connections);

        Assert.Equal(15, await DeliverAllAsync(sender));
        Assert.Equal(25, smtp.Count);
        Assert.Equal(3, relay.Connections);
        await using var db = await core.DbAsync();
        Assert.Equal(25, await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1));
    }

    [Fact]
    public async Task A_connection_dropped_mid_batch_is_opened_again_and_every_email_is_sent_once()
    {
        using var smtp = SmtpSink.Start();
        using var relay = ConnectionCounter.Start(smtp.Port);
        await using var core = await StartAsync(smtp, ("Mail:Port", relay.Port.ToString(CultureInfo.InvariantCulture)), ("Mail:BatchSize", "10"));
        await QueueAsync(core, 6);
        var sender = core.Get<OutboxSender>();

        // The connection is cut once the third message is through, as a server restart would.
        relay.DropAfterMessages = 3;
        var first = await sender.DeliverDueAsync(None);
        Assert.InRange(first, 5, 6);
        Assert.True(relay.Connections >= 2, "the batch should have reconnected after the drop");

        // A message that met the dead connection is retried at its next attempt time, on a fresh connection.
        core.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(6 - first, await DeliverAllAsync(sender));
        Assert.Equal(6, smtp.Count);
        Assert.Equal(6, smtp.Messages.Select(m => m.Subject).Distinct().Count());
        await using var db = await core.DbAsync();
        Assert.Equal(6, await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent));
        Assert.True(await db.Outbox.CountAsync(m => m.Attempts > 1) <= 1);
    }

    /// <summary>A TCP relay in front of the SMTP server that counts the connections made through it.</summary>
    private sealed class ConnectionCounter : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _open = [];
        private readonly int _target;
        private int _connections;

        private ConnectionCounter(int target) => _target = target;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public static ConnectionCounter Start(int target)
        {
            var counter = new ConnectionCounter(target);
            counter._listener.Start();
            _ = counter.AcceptAsync();
            return counter;
        }

        /// <summary>Closes every relayed connection, as a server restart would.</summary>
        public void DropAll()
        {
            lock (_open)
            {
                foreach (var client in _open)
                {
                    if (client.Client is { } socket)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                    }

                    client.Dispose();
                }

                _open.Clear();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            DropAll();
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient inbound;
                try
                {
                    inbound = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                var outbound = new TcpClient();
                await outbound.ConnectAsync(IPAddress.Loopback, _target);
                lock (_open)
                {
                    _open.Add(inbound);
                    _open.Add(outbound);
                }

                _ = PumpAsync(inbound, outbound, CountMessagesAsync);
                _ = PumpAsync(outbound, inbound, null);
            }
        }

        /// <summary>Drops every connection once this many messages (ends of DATA) have passed, counted over all connections.</summary>
        public int DropAfterMessages { get; set; } = int.MaxValue;

        private int _messages;

        private async Task CountMessagesAsync(ReadOnlyMemory<byte> chunk, byte[] tail)
        {
            // ".\r\n" after a line break ends a message's DATA; the tail carries the last bytes of the previous chunk.
            var text = System.Text.Encoding.ASCII.GetString(tail) + System.Text.Encoding.ASCII.GetString(chunk.Span);
            var ends = 0;
            for (var i = text.IndexOf("\r\n.\r\n", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\r\n.\r\n", i + 1, StringComparison.Ordinal))
            {
                ends++;
            }

            if (ends > 0 && Interlocked.Add(ref _messages, ends) >= DropAfterMessages)
            {
                DropAfterMessages = int.MaxValue;
                // Let the server accept the message first, then cut the line.
                await Task.Delay(300);
                DropAll();
            }
        }

        private static async Task PumpAsync(TcpClient from, TcpClient to, Func<ReadOnlyMemory<byte>, byte[], Task>? watch)
        {
            try
            {
                var source = from.GetStream();
                var target = to.GetStream();
                var buffer = new byte[16 * 1024];
                var tail = Array.Empty<byte>();
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                    if (watch is not null)
                    {
                        await watch(buffer.AsMemory(0, read), tail);
                        tail = buffer.AsSpan(Math.Max(0, read - 4), Math.Min(4, read)).ToArray();
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
            }
            finally
            {
                to.Dispose();
                from.Dispose();
            }
        }
    }
}
