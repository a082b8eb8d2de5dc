namespace Eps.Benchmarks.Faults;

/// <summary>
/// Nothing listens on the SMTP port for the whole stream; then a server starts on that port. Every outbox row must
/// arrive exactly once (matched by Message-Id), and the approvals and dispenses must not have noticed the outage.
/// </summary>
internal static class SmtpOutage
{
    public const string Scenario = "SMTP down, then up";
    private const int StreamSeconds = 10;

    public static async Task<(List<Check> Checks, Dictionary<string, object> Figures)> RunAsync(string dataPath, TextWriter log)
    {
        using var mail = MailCounter.Down();
        var settings = new Dictionary<string, string>(mail.Settings)
        {
            ["Mail:DeliveryIntervalSeconds"] = "1",
            ["Mail:FirstRetrySeconds"] = "1",
        };
        using var worker = WorkerProcess.Start(WorkerMode.Stream, dataPath, settings, "--seconds", $"{StreamSeconds}", "--drain");
        await worker.WaitForAsync("stream-done", TimeSpan.FromMinutes(3));
        long sentDuringOutage;
        using (var during = new DatabaseCheck(dataPath))
        {
            sentDuringOutage = during.OutboxSent;
        }

        mail.Listen();
        var drained = (await worker.WaitForAsync("drained", TimeSpan.FromMinutes(4))).Split(' ');
        var audit = await worker.WaitForAsync("audit", TimeSpan.FromMinutes(1));
        await worker.WaitForExitAsync(TimeSpan.FromMinutes(1));
        var lines = worker.Lines.ToList();
        var approvals = lines.Count(l => l.StartsWith("approved ", StringComparison.Ordinal));
        var dispenses = lines.Count(l => l.StartsWith("dispensed ", StringComparison.Ordinal) && l.EndsWith(" 200", StringComparison.Ordinal));
        log.WriteLine($"  {StreamSeconds} s with SMTP down: {approvals} approvals, {dispenses} dispenses; outbox drained {drained[2]} s after the server came up");

        var checks = new Checks(Scenario);
        using var db = new DatabaseCheck(dataPath);
        var outbox = db.OutboxIds();
        var received = mail.ByOutboxId();
        checks.Info($"approvals / dispenses committed while SMTP was down ({StreamSeconds} s)", $"{Checks.N(approvals)} / {Checks.N(dispenses)}", "> 0");
        checks.True("approvals and dispenses went on during the outage", approvals > 0 && dispenses > 0, $"{approvals + dispenses}", "> 0");
        checks.Equal("errors reported by the workload", lines.Count(l => l.StartsWith("error ", StringComparison.Ordinal)), 0);
        checks.Equal("outbox rows sent while nothing listened", sentDuringOutage, 0);
        checks.Info("outbox rows / rows that needed retries", $"{Checks.N(outbox.Count)} / {Checks.N(db.OutboxRetried)}", "–");
        checks.Equal("committed approvals/dispenses without exactly one patient email in the outbox", db.MissingOutboxRows, 0);
        checks.Equal("outbox rows marked sent", db.OutboxSent, outbox.Count);
        checks.Equal("outbox rows received exactly once", outbox.Count(id => received.GetValueOrDefault(id) == 1), outbox.Count);
        checks.Equal("outbox rows lost", outbox.Count(id => !received.ContainsKey(id)), 0);
        checks.Equal("duplicate deliveries", received.Where(r => r.Value > 1).Sum(r => r.Value - 1), 0);
        checks.Equal("messages received that no outbox row explains", received.Where(r => !outbox.Contains(r.Key)).Sum(r => r.Value), 0);
        checks.True("audit chain", audit.StartsWith("audit ok", StringComparison.Ordinal), audit.StartsWith("audit ok", StringComparison.Ordinal) ? "intact" : "broken", "intact");
        var figures = new Dictionary<string, object>
        {
            ["stream_seconds"] = StreamSeconds,
            ["approvals"] = approvals,
            ["dispenses"] = dispenses,
            ["outbox_rows"] = outbox.Count,
            ["retried_rows"] = db.OutboxRetried,
            ["messages_received"] = mail.Count,
            ["drain_seconds_after_server_up"] = drained[2],
        };
        return (checks.All, figures);
    }
}
