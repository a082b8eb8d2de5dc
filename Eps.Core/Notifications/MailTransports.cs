using System.Net.Sockets;
using Eps.Core.Storage;
using Eps.Core.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Eps.Core.Notifications;

/// <summary>Hands a finished message to the outside world.</summary>
public interface IMailTransport
{
    /// <summary>Sends one message on a connection of its own.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// A connection for a batch of messages, closed when the batch is disposed. Transports without connections send
    /// each message on its own.
    /// </summary>
    IMailBatch OpenBatch() => new OneByOne(this);

    private sealed class OneByOne(IMailTransport transport) : IMailBatch
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) => transport.SendAsync(message, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Messages sent one after another over one connection, opened at the first send.</summary>
public interface IMailBatch : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// SMTP through MailKit. A delivery run keeps one connection for its claimed batch (connect, EHLO and AUTH once, then
/// one MAIL/RCPT/DATA exchange per message); a failed or timed-out send drops the connection, and the next message of
/// the batch opens a new one, so one refused message never poisons the rest.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await using var batch = new SmtpBatch(options.Value);
        await batch.SendAsync(message, cancellationToken);
    }

    public IMailBatch OpenBatch() => new SmtpBatch(options.Value);

    private sealed class SmtpBatch(MailOptions o) : IMailBatch
    {
        private SmtpClient? _client;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                if (_client is not { IsConnected: true })
                {
                    _client?.Dispose();
                    _client = new SmtpClient { Timeout = 30_000 };
                    var host = o.Host ?? throw new InvalidOperationException("Mail:Host is not set.");
                    // Without TCP_NODELAY a message's last small write waits for the server's delayed ACK: about 40 ms
                    // a message, whatever the server (measured: 23 messages a second on one connection, 990 with it).
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(host, o.Port, cancellationToken);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }

                    await _client.ConnectAsync(socket, host, o.Port, Security(o), cancellationToken);
                    if (!string.IsNullOrEmpty(o.Username))
                    {
                        await _client.AuthenticateAsync(o.Username, o.Password ?? "", cancellationToken);
                    }
                }

                await _client.SendAsync(message, cancellationToken);
            }
            catch
            {
                // The session's state is unknown after a failure or a cancelled exchange: start the next send afresh.
                _client?.Dispose();
                _client = null;
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is null)
            {
                return;
            }

            try
            {
                if (_client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _client.DisconnectAsync(quit: true, quit.Token);
                }
            }
#pragma warning disable CA1031 // Every message is already sent or recorded as failed; a failed QUIT changes nothing.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                _client.Dispose();
                _client = null;
            }
        }

        private static SecureSocketOptions Security(MailOptions o) => o.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
    }
}

/// <summary>The embedded default: each message becomes an .eml file in the data folder's mail directory.</summary>
public sealed class PickupDirectoryTransport(IOptions<MailOptions> options, DataPaths paths) : IMailTransport
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory, paths.Root);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Directory, name + ".tmp");
        await message.WriteToAsync(temp, cancellationToken);
        File.Move(temp, Path.Combine(Directory, name));
    }
}
