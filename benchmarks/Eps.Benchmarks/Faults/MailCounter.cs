using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using netDumbster.smtp;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// A real SMTP server on loopback (netDumbster) in the parent process, so it outlives every killed worker. Counts the
/// messages it accepted per Message-Id (<c>outbox-{row id}-…@eps</c>) and per recipient. It can be created down, on a
/// reserved port, and started later on that port.
/// </summary>
internal sealed partial class MailCounter : IDisposable
{
    private readonly ConcurrentQueue<(string MessageId, string To)> _received = new();
    private SimpleSmtpServer? _server;

    private MailCounter(int port) => Port = port;

    public int Port { get; }

    public int Count => _received.Count;

    /// <summary>The <c>Mail</c> settings that point the app at this server.</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
    };

    public static MailCounter Up()
    {
        var counter = Down();
        counter.Listen();
        return counter;
    }

    /// <summary>A free port with nothing listening yet: connections are refused until <see cref="Listen"/>.</summary>
    public static MailCounter Down()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new MailCounter(port);
    }

    public void Listen()
    {
        if (_server is not null)
        {
            return;
        }

        _server = SimpleSmtpServer.Start(Port);
        _server.MessageReceived += (_, e) => _received.Enqueue((
            MessageIdHeader().Match(e.Message.Data) is { Success: true } id ? id.Groups[1].Value : "",
            ToHeader().Match(e.Message.Data) is { Success: true } to ? to.Groups[1].Value.Trim() : ""));
    }

    /// <summary>How many times each outbox row id arrived (Message-Ids that do not name a row are under -1).</summary>
    public Dictionary<long, int> ByOutboxId() => _received
        .GroupBy(m => OutboxId().Match(m.MessageId) is { Success: true } id ? long.Parse(id.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1)
        .ToDictionary(g => g.Key, g => g.Count());

    public int CountTo(string address) => _received.Count(m => m.To.Contains(address, StringComparison.OrdinalIgnoreCase));

    public void Dispose()
    {
        _server?.Stop();
        _server = null;
    }

    [GeneratedRegex(@"(?im)^Message-Id:\s*<([^>]+)>")]
    private static partial Regex MessageIdHeader();

    [GeneratedRegex(@"(?im)^To:\s*(.+)$")]
    private static partial Regex ToHeader();

    [GeneratedRegex(@"^outbox-(\d+)-")]
    private static partial Regex OutboxId();
}
