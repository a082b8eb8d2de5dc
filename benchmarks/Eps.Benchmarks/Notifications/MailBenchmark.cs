using System.Diagnostics;
using System.Globalization;
using Eps.Benchmarks.Databases;
using System.Diagnostics.CodeAnalysis;
using Eps.Benchmarks.Queue;
using Eps.Benchmarks.Reporting;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Eps.Benchmarks.Notifications;

/// <summary>How many emails the backlog holds.</summary>
internal sealed record MailOptionsArgs(int Messages)
{
    public static bool TryParse(ReadOnlySpan<string> args, out MailOptionsArgs options)
    {
        var ok = Args.TryParse(args, new Dictionary<string, int> { ["messages"] = 5_000 }, out var v);
        options = new MailOptionsArgs(v["messages"]);
        return ok;
    }
}

internal sealed record MailReport(
    string Machine, string Database, string DatabaseVersion, int Messages, int Senders, int BatchSize, double Seconds,
    double PerSecond, int Received, int Duplicates, int Missing, int LeftPending);

/// <summary>
/// The outbox after a spike: N approval emails waiting at once (written the way the approvals write them, one row
/// each), drained by the app's own delivery runs (<c>Mail:ParallelSenders</c> of them side by side, each claiming
/// <c>Mail:BatchSize</c> rows and sending them over one SMTP connection) into a real SMTP server on loopback
/// (<see cref="SmtpSink"/>: Python's standard smtpd; netDumbster, which the tests use, takes ~20 a second). The
/// Quartz delivery job is kept out of the way so the drain is timed from its first claim to its last record.
/// Every row must arrive exactly once by Message-Id.
/// </summary>
internal static class MailBenchmark
{
    public static async Task<MailReport> RunAsync(MailOptionsArgs options, BenchEngine engine, TextWriter progress)
    {
        await using var database = await BenchDatabase.StartAsync(engine, progress);
        using var mail = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = mail.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
            ["Mail:DeliveryIntervalSeconds"] = "86400",
        };
        await using var app = new BenchApp("Development", settings: settings, database: await database.CreateAsync("mail"));
        var services = app.Services;
        var factory = services.GetRequiredService<IDbContextFactory<EpsDbContext>>();
        var mailOptions = services.GetRequiredService<IOptions<MailOptions>>().Value;
        var sender = services.GetRequiredService<OutboxSender>();

        // Let the start-up catch-up runs (digest, the job's first delivery) finish before the backlog is written.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await DrainAsync(sender, mailOptions.ParallelSenders);
        var before = mail.Received().Count;
        long firstId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            db.Outbox.AddRange(Enumerable.Range(0, options.Messages).Select(i => new OutboxMessage
            {
                CreatedAt = now,
                Kind = EmailTemplates.PatientApprovedKind,
                To = string.Create(CultureInfo.InvariantCulture, $"bench.patient{i}@eps.test"),
                Subject = "Your prescription PHB-RX-00000000 is ready to collect",
                TextBody = new string('x', 1_200),
                HtmlBody = $"<p>{new string('x', 2_400)}</p>",
                NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
            firstId = await db.Outbox.Where(m => m.CreatedAt == now).MinAsync(m => m.Id);
        }

        progress.WriteLine($"mail: {options.Messages:N0} emails queued on {engine.Label()}; draining with {mailOptions.ParallelSenders} senders, batches of {mailOptions.BatchSize} ...");
        var watch = Stopwatch.StartNew();
        await DrainAsync(sender, mailOptions.ParallelSenders);
        watch.Stop();
        await Task.Delay(500);

        var received = mail.Received();
        var arrivals = received.Select(OutboxIdOf).Where(id => id >= firstId).GroupBy(id => id).Select(g => g.Count()).ToList();
        await using var check = await factory.CreateDbContextAsync();
        var pending = await check.Outbox.CountAsync(m => m.Status != OutboxStatus.Sent && m.Id >= firstId);
        var version = database.Version;
        return new MailReport(Artifacts.Machine, engine.Name(), version, options.Messages, mailOptions.ParallelSenders, mailOptions.BatchSize,
            watch.Elapsed.TotalSeconds, options.Messages / watch.Elapsed.TotalSeconds, received.Count - before,
            arrivals.Sum(n => n - 1), options.Messages - arrivals.Count, pending);
    }

    /// <summary>What <c>OutboxDeliveryJob</c> does: the senders side by side, each claiming batches until none is due.</summary>
    private static Task DrainAsync(OutboxSender sender, int senders) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            while (await sender.DeliverDueAsync(default) > 0)
            {
            }
        }));

    public static void Print(MailReport r, TextWriter output)
    {
        Line(output, $"### Outbox drain on {BenchEngines.LabelOf(r.Database)} — {r.Messages:N0} emails, {r.Senders} senders, batches of {r.BatchSize}, one SMTP connection per batch");
        output.WriteLine();
        output.WriteLine("| emails | seconds | per second | received | sent twice | missing | left pending |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        Line(output, $"| {r.Messages:N0} | {r.Seconds:0.00} | {r.PerSecond:N0} | {r.Received:N0} | {r.Duplicates} | {r.Missing} | {r.LeftPending} |");
        output.WriteLine();
        Line(output, $"Database: {r.DatabaseVersion}");
    }

    /// <summary>The outbox row id in a Message-Id <c>outbox-{id}-{created}@eps</c>; -1 for anything else.</summary>
    private static long OutboxIdOf(string messageId) =>
        messageId.StartsWith("outbox-", StringComparison.Ordinal) && messageId.Split('-') is [_, var id, ..]
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    public static bool Held(MailReport r) => r.Duplicates == 0 && r.Missing == 0 && r.LeftPending == 0;

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// <c>smtp_sink.py</c> beside this file in a child process on a free loopback port: Python's standard SMTP server,
/// writing each accepted message's Message-Id to a file.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly string _file;

    private SmtpSink(Process process, string file, int port) => (_process, _file, Port) = (process, file, port);

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var file = Path.Combine(Path.GetTempPath(), $"eps-smtp-{Guid.NewGuid():N}.txt");
        var script = Path.Combine(Artifacts.RepositoryRoot, "benchmarks", "Eps.Benchmarks", "Notifications", "smtp_sink.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-W", "ignore", script, port.ToString(CultureInfo.InvariantCulture), file })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "listening")
        {
            throw new InvalidOperationException($"The SMTP sink did not start: {await process.StandardError.ReadToEndAsync()}");
        }

        return new SmtpSink(process, file, port);
    }

    /// <summary>The Message-Ids accepted so far, in order.</summary>
    [SuppressMessage("Performance", "CA1859", Justification = "A snapshot list.")]
    public IReadOnlyList<string> Received()
    {
        using var stream = new FileStream(_file, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        File.Delete(_file);
    }
}
