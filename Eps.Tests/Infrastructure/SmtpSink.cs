using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using netDumbster.smtp;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback (netDumbster) that keeps every message it accepted, parsed back with MimeKit as a
/// mail client would read it. It can be created stopped, on a reserved port, to play an SMTP outage, and started later
/// on that same port.
/// </summary>
public sealed partial class SmtpSink : IDisposable
{
    private readonly ConcurrentQueue<string> _received = new();
    private SimpleSmtpServer? _server;

    private SmtpSink(int port) => Port = port;

    public int Port { get; }

    public bool IsListening => _server is not null;

    /// <summary>The messages accepted so far, in arrival order, across restarts.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _received.Select(Parse)];

    public int Count => _received.Count;

    /// <summary>The <c>Mail</c> settings that point the core at this server (plain SMTP, one-second first retry).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:FirstRetrySeconds"] = "1",
    };

    /// <summary>A listening server on a free port.</summary>
    public static SmtpSink Start()
    {
        var server = SimpleSmtpServer.Start();
        var sink = new SmtpSink(server.Configuration.Port);
        sink.Attach(server);
        return sink;
    }

    /// <summary>A free port with nothing listening on it yet: connections are refused until <see cref="Listen"/>.</summary>
    public static SmtpSink Down()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpSink(port);
    }

    /// <summary>Starts listening on <see cref="Port"/>.</summary>
    public void Listen()
    {
        if (_server is null)
        {
            Attach(SimpleSmtpServer.Start(Port));
        }
    }

    /// <summary>The messages sent to one address.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public void Dispose()
    {
        _server?.Stop();
        _server = null;
    }

    private void Attach(SimpleSmtpServer server)
    {
        server.MessageReceived += (_, e) => _received.Enqueue(e.Message.Data);
        _server = server;
    }

    private static MimeMessage Parse(string data)
    {
        // netDumbster keeps the DATA lines as sent; undo the SMTP dot-stuffing a real server removes.
        var raw = DotStuffed().Replace(data, "");
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(raw));
        return MimeMessage.Load(stream);
    }

    [GeneratedRegex(@"(?m)^\.")]
    private static partial Regex DotStuffed();
}
