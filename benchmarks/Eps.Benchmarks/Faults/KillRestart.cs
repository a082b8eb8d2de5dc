using System.Globalization;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// SIGKILL in the middle of approvals and dispenses, then a restart on the same SQLite file, several rounds at random
/// moments. After each restart the outbox must drain to the SMTP server (which lives in this process and never goes
/// down) and the audit chain must verify; at the end the file must hold no half-written approval or dispense, no
/// double dispense, every acknowledged change, and every committed change's email, delivered at least once.
/// </summary>
internal static class KillRestart
{
    public const string Scenario = "SIGKILL mid-stream";

    public static async Task<(List<KillRound> Rounds, List<Check> Checks, Dictionary<string, object> Figures)> RunAsync(
        int rounds, Random random, string dataPath, TextWriter log)
    {
        using var mail = MailCounter.Up();
        var settings = new Dictionary<string, string>(mail.Settings)
        {
            ["Mail:DeliveryIntervalSeconds"] = "1",
            ["Mail:FirstRetrySeconds"] = "1",
            ["Mail:ClaimSeconds"] = "10",
        };
        var results = new List<KillRound>();
        var approvals = new Dictionary<string, string[]>();
        var dispenseStatuses = new List<(string Rx, int Status)>();
        var errors = new List<string>();

        for (var round = 1; round <= rounds; round++)
        {
            // The first round is killed early (in the first writes after start-up); the others once the stream is
            // flowing (a random number of acknowledged changes), plus a random fraction of a second.
            int killAfter;
            using (var worker = WorkerProcess.Start(WorkerMode.Stream, dataPath, settings))
            {
                await worker.WaitForAsync("ready", TimeSpan.FromMinutes(2));
                var ready = System.Diagnostics.Stopwatch.StartNew();
                if (round > 1)
                {
                    await worker.WaitForProgressAsync(random.Next(10, 80), TimeSpan.FromSeconds(30));
                }

                await Task.Delay(round == 1 ? random.Next(100, 600) : random.Next(0, 400));
                killAfter = (int)ready.ElapsedMilliseconds;
                await worker.KillAsync();
                var lines = worker.Lines.ToList();
                var roundApprovals = lines.Where(l => l.StartsWith("approved ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
                foreach (var a in roundApprovals)
                {
                    approvals[a[1]] = a[2].Split(',');
                }

                var roundDispenses = lines.Where(l => l.StartsWith("dispensed ", StringComparison.Ordinal)).Select(l => l.Split(' '))
                    .Select(d => (d[1], int.Parse(d[2], CultureInfo.InvariantCulture))).ToList();
                dispenseStatuses.AddRange(roundDispenses);
                errors.AddRange(lines.Where(l => l.StartsWith("error ", StringComparison.Ordinal)));

                using var recovery = WorkerProcess.Start(WorkerMode.Recover, dataPath, settings);
                var drained = (await recovery.WaitForAsync("drained", TimeSpan.FromMinutes(4))).Split(' ');
                var audit = await recovery.WaitForAsync("audit", TimeSpan.FromMinutes(1));
                await recovery.WaitForExitAsync(TimeSpan.FromMinutes(1));
                results.Add(new KillRound(round, killAfter, roundApprovals.Count, roundDispenses.Count(d => d.Item2 == 200),
                    roundDispenses.Count(d => d.Item2 == 409), lines.Count(l => l.StartsWith("error ", StringComparison.Ordinal)),
                    int.Parse(drained[1], CultureInfo.InvariantCulture), double.Parse(drained[2], CultureInfo.InvariantCulture),
                    audit.StartsWith("audit ok", StringComparison.Ordinal), audit["audit ".Length..]));
            }

            log.WriteLine($"  round {round}: killed after {killAfter} ms; {results[^1].ApprovalsAcknowledged} approvals, " +
                $"{results[^1].DispensesAcknowledged} dispenses acknowledged; drained in {results[^1].DrainSeconds:F1} s; audit {(results[^1].AuditIntact ? "intact" : "BROKEN")}");
        }

        return Evaluate(dataPath, mail, results, approvals, dispenseStatuses, errors);
    }

    private static (List<KillRound>, List<Check>, Dictionary<string, object>) Evaluate(string dataPath, MailCounter mail,
        List<KillRound> rounds, Dictionary<string, string[]> approvals, List<(string Rx, int Status)> dispenses, List<string> errors)
    {
        var checks = new Checks(Scenario);
        using var db = new DatabaseCheck(dataPath);
        var okDispenses = dispenses.Where(d => d.Status == 200).Select(d => d.Rx).ToList();

        checks.Equal("kill/restart rounds with a pending outbox after restart", rounds.Count(r => r.PendingAfterRestart > 0), 0);
        checks.Info("approved requests / prescriptions / dispensed, in the file after all rounds",
            $"{Checks.N(db.ApprovedRequests)} / {Checks.N(db.Prescriptions)} / {Checks.N(db.DispensedPrescriptions)}", "–");
        checks.Info("approvals / dispenses acknowledged to the caller before a kill", $"{Checks.N(approvals.Count)} / {Checks.N(okDispenses.Count)}", "–");
        checks.Equal("approvals acknowledged before a kill but missing or incomplete", approvals.Count(a => !db.HasApproval(a.Key, a.Value)), 0);
        checks.Equal("partial approvals (prescriptions ≠ approved items, no audit entry, or prescriptions of an unapproved request)", db.PartialApprovals, 0);
        checks.Equal("prescriptions without their request/item, token or nonce", db.OrphanPrescriptions, 0);
        checks.Equal("dispenses acknowledged (200) but not dispensed in the file", okDispenses.Count(rx => !db.IsDispensed(rx)), 0);
        checks.Equal("prescriptions answered 200 twice", okDispenses.GroupBy(rx => rx).Count(g => g.Count() > 1), 0);
        checks.Equal("prescriptions dispensed twice (register, attempts or audit)", db.DoubleDispenses, 0);
        checks.Equal("half-written dispenses (status vs register, attempt, audit)", db.HalfDispensed, 0);
        checks.Equal("committed approvals/dispenses without exactly one patient email in the outbox", db.MissingOutboxRows, 0);

        var outbox = db.OutboxIds();
        var received = mail.ByOutboxId();
        var lost = outbox.Count(id => !received.ContainsKey(id));
        var duplicates = received.Where(r => r.Key > 0 && r.Value > 1).Sum(r => r.Value - 1);
        checks.Equal("outbox rows marked sent", db.OutboxSent, outbox.Count);
        checks.Equal("outbox rows never received by SMTP (lost)", lost, 0);
        checks.Equal("messages received that no outbox row explains", received.Where(r => !outbox.Contains(r.Key)).Sum(r => r.Value), 0);
        checks.Info("duplicate deliveries (killed between SMTP send and marking the row sent)", Checks.N(duplicates), "≥ 0, at-least-once");
        checks.Equal("audit chain intact after every restart", rounds.Count(r => r.AuditIntact), rounds.Count);
        checks.Equal("errors reported by the workload", errors.Count, 0);

        var figures = new Dictionary<string, object>
        {
            ["approved_requests"] = db.ApprovedRequests,
            ["prescriptions"] = db.Prescriptions,
            ["dispensed"] = db.DispensedPrescriptions,
            ["approvals_acknowledged"] = approvals.Count,
            ["dispenses_acknowledged"] = okDispenses.Count,
            ["outbox_rows"] = outbox.Count,
            ["messages_received"] = mail.Count,
            ["lost"] = lost,
            ["duplicates"] = duplicates,
            ["worker_errors"] = errors.Take(10).ToList(),
        };
        return (rounds, checks.All, figures);
    }
}
