using System.Diagnostics;
using System.Globalization;
using Eps.Benchmarks.Databases;
using Eps.Benchmarks.Faults;
using Eps.Benchmarks.Queue;
using Eps.Benchmarks.Reporting;
using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Spike;

/// <summary>Sizes of the spike: how many patients (one request each) and how many calls run at once in a burst.</summary>
internal sealed record SpikeOptions(int Patients, int Burst)
{
    public static bool TryParse(ReadOnlySpan<string> args, out SpikeOptions options)
    {
        var ok = Args.TryParse(args, new Dictionary<string, int> { ["patients"] = 5_000, ["burst"] = 100 }, out var v);
        options = new SpikeOptions(v["patients"], v["burst"]);
        return ok;
    }
}

/// <summary>One phase of the spike: how many calls, how long in all, and each call's latency.</summary>
internal sealed record PhaseFigure(string Phase, int Calls, int Errors, double Seconds, double PerSecond, Summary LatencyMs);

/// <summary>Emails the spike produced, by kind, and how many of them the SMTP server received.</summary>
internal sealed record MailFigure(string Recipient, string Kind, int Queued, int Sent);

internal sealed record SpikeReport(
    string Machine, string Database, string DatabaseVersion, SpikeOptions Options, PhaseFigure Submit, PhaseFigure Approve,
    IReadOnlyList<MailFigure> Mail, int SmtpReceived, double DrainSeconds, int Prescriptions, bool ChainIntact,
    IReadOnlyList<string> ErrorSamples, IReadOnlyList<SessionFigure> Sessions);

/// <summary>
/// A pandemic spike through the same core services the pages call: N patients each submit a request (one routine or
/// high-risk medicine, at their nominated pharmacy), then the doctor's N approvals run in concurrent bursts. Mail goes
/// to a real SMTP server on loopback; the run ends when the outbox has drained. Controlled drugs are left out: each of
/// their approvals needs a fresh authenticator code, which a person cannot type 100 times at once. On PostgreSQL each
/// phase is watched through <c>pg_stat_activity</c> (<see cref="LockSampler"/>) to show what concurrent calls wait on.
/// </summary>
internal static class SpikeBenchmark
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(5);

    public static async Task<SpikeReport> RunAsync(SpikeOptions options, BenchEngine engine, TextWriter progress)
    {
        await using var database = await BenchDatabase.StartAsync(engine, progress);
        using var mail = MailCounter.Up();
        await using var app = new BenchApp("Development", settings: mail.Settings, database: await database.CreateAsync("spike"));
        progress.WriteLine($"spike: app on {engine.Label()} at {app.BaseUrl}; seeding {options.Patients:N0} patients ...");
        using (QueueSeeder.Open(app.Engine, app.ConnectionString, Approver.PharmacyCode, options.Patients))
        {
        }

        var services = app.Services;
        var factory = services.GetRequiredService<IDbContextFactory<EpsDbContext>>();
        List<(string UserId, int PharmacyId)> patients;
        List<Drug> drugs;
        await using (var db = await factory.CreateDbContextAsync())
        {
            // The bulk seeder writes profiles only; these patients also need the role that lets them request.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
                SELECT p."UserId", r."Id" FROM "Patients" AS p, "AspNetRoles" AS r
                WHERE p."Email" LIKE 'bench.patient%' AND r."NormalizedName" = 'PATIENT'
                """);
            patients = [.. (await db.Patients.Where(p => p.Email!.StartsWith("bench.patient")).OrderBy(p => p.Id)
                .Select(p => new { p.UserId, p.DefaultPharmacyId }).ToListAsync()).Select(p => (p.UserId, p.DefaultPharmacyId ?? 0))];
            drugs = (await db.Drugs.ToListAsync()).Where(d => !d.IsControlled).OrderBy(d => d.Id).ToList();
        }

        var actors = services.GetRequiredService<ActorDirectory>();
        var doctor = (await actors.FindAsync(await UserIdAsync(factory, "doctor@eps.test"), default))!;
        var requests = services.GetRequiredService<PatientRequests>();
        var reviews = services.GetRequiredService<Reviews>();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var sessions = new List<SessionFigure>();
        progress.WriteLine($"spike: {patients.Count:N0} submissions in bursts of {options.Burst} ...");
        var submit = await RunPhaseAsync(app, sessions, "patients submit a request", patients.Count, options.Burst, errors, async i =>
        {
            var (userId, pharmacyId) = patients[i];
            var patient = (await actors.FindAsync(userId, default))!;
            var drug = drugs[i % drugs.Count];
            var (result, _) = await requests.SubmitAsync(patient,
                new NewRequest(pharmacyId, "Outbreak: repeat of usual medicine", [new RequestedItem(drug.Id, drug.StrengthList.First(), 28, null)]), default);
            return result.Succeeded ? null : result.Message;
        });

        List<(int RequestId, int ItemId)> pending;
        await using (var db = await factory.CreateDbContextAsync())
        {
            pending = [.. (await db.PrescriptionRequests.Where(r => r.Status == RequestStatus.Submitted)
                .Select(r => new { r.Id, ItemId = r.Items.Select(x => x.Id).First() }).ToListAsync()).Select(r => (r.Id, r.ItemId))];
        }

        progress.WriteLine($"spike: {pending.Count:N0} approvals in concurrent bursts of {options.Burst} ...");
        var approve = await RunPhaseAsync(app, sessions, "doctor approves", pending.Count, options.Burst, errors, async i =>
        {
            var (requestId, itemId) = pending[i];
            var result = await reviews.ApproveAsync(doctor, requestId,
                [new ItemDecision(itemId, true, "As directed on the pack", "Once daily", 28, 0)], null, default);
            return result.Succeeded && result.PrescriptionIds.Count == 1 ? null : result.Message;
        });

        progress.WriteLine("spike: waiting for the outbox to drain ...");
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < DrainLimit && await PendingMailAsync(factory) > 0)
        {
            await Task.Delay(500);
        }

        var drainSeconds = drain.Elapsed.TotalSeconds;
        await using var final = await factory.CreateDbContextAsync();
        var mailRows = (await final.Outbox.GroupBy(m => m.Kind)
            .Select(g => new { Kind = g.Key, Queued = g.Count(), Sent = g.Count(m => m.Status == OutboxStatus.Sent) }).ToListAsync())
            .Select(g => new MailFigure(g.Kind.Split('.')[0], g.Kind, g.Queued, g.Sent)).OrderBy(m => m.Kind, StringComparer.Ordinal).ToList();
        var chain = await services.GetRequiredService<AuditVerifier>().VerifyAsync(default);
        return new SpikeReport(Artifacts.Machine, engine.Name(), database.Version, options, submit, approve, mailRows, mail.Count, drainSeconds,
            await final.Prescriptions.CountAsync(), chain.Intact, [.. errors.Take(5)], sessions);
    }

    /// <summary>
    /// Runs <paramref name="count"/> calls, <paramref name="burst"/> at a time; a call returns null or its error. On
    /// PostgreSQL the server's sessions are sampled meanwhile (<see cref="LockSampler"/>) into <paramref name="sessions"/>.
    /// </summary>
    private static async Task<PhaseFigure> RunPhaseAsync(BenchApp app, List<SessionFigure> sessions, string name, int count, int burst,
        System.Collections.Concurrent.ConcurrentQueue<string> errors, Func<int, Task<string?>> call)
    {
        await using var sampler = app.Engine == BenchEngine.Postgres ? await LockSampler.StartAsync(name, app.ConnectionString) : null;
        var latencies = new double[count];
        var failed = 0;
        var all = Stopwatch.StartNew();
        for (var start = 0; start < count; start += burst)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(burst, count - start)).Select(i => Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await call(i);
                }
                catch (Exception e)
                {
                    error = e.GetType().Name + ": " + e.Message;
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (error is not null)
                {
                    Interlocked.Increment(ref failed);
                    errors.Enqueue(error);
                }
            })));
        }

        var seconds = all.Elapsed.TotalSeconds;
        if (sampler is not null)
        {
            sessions.Add(await sampler.StopAsync());
        }

        return new PhaseFigure(name, count, failed, seconds, count / seconds, Summary.Of(latencies));
    }

    private static async Task<int> PendingMailAsync(IDbContextFactory<EpsDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending);
    }

    private static async Task<string> UserIdAsync(IDbContextFactory<EpsDbContext> factory, string email)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public static void Print(SpikeReport r, TextWriter output)
    {
        Line(output, $"### Pandemic spike on {BenchEngines.LabelOf(r.Database)} — {r.Options.Patients:N0} patients, calls in concurrent bursts of {r.Options.Burst}, through the core services");
        output.WriteLine();
        output.WriteLine("| phase | calls | errors | seconds | per second | p50 ms | p95 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in new[] { r.Submit, r.Approve })
        {
            Line(output, $"| {p.Phase} | {p.Calls:N0} | {p.Errors} | {p.Seconds:0.0} | {p.PerSecond:N0} | {p.LatencyMs.P50:0.0} | {p.LatencyMs.P95:0.0} | {p.LatencyMs.Max:0.0} |");
        }

        output.WriteLine();
        output.WriteLine("| recipient | email | queued | sent |");
        output.WriteLine("|---|---|---:|---:|");
        foreach (var m in r.Mail)
        {
            Line(output, $"| {m.Recipient} | {m.Kind} | {m.Queued:N0} | {m.Sent:N0} |");
        }

        output.WriteLine();
        Line(output, $"Prescriptions issued: {r.Prescriptions:N0}; SMTP server received {r.SmtpReceived:N0} messages; outbox drained {r.DrainSeconds:0.0} s after the last approval; audit chain intact: {(r.ChainIntact ? "yes" : "**NO**")}");
        Line(output, $"Database: {r.DatabaseVersion}");
        foreach (var error in r.ErrorSamples)
        {
            Line(output, $"- error: {error}");
        }

        foreach (var s in r.Sessions)
        {
            output.WriteLine();
            Line(output, $"#### PostgreSQL sessions during \"{s.Phase}\" — {s.Samples:N0} samples of pg_stat_activity: {LockSampler.Format(s.MeanBusy)} sessions busy on average, {LockSampler.Format(s.MeanWaitingOnLocks)} of them waiting on a lock, {LockSampler.Format(s.MeanBlocking)} holding a lock others wait for");
            Sessions(output, s.Top);
            if (s.Blockers.Count > 0)
            {
                output.WriteLine();
                Line(output, $"The sessions holding a lock that others waited for, as a share of their samples:");
                Sessions(output, s.Blockers);
            }
        }
    }

    private static void Sessions(TextWriter output, IReadOnlyList<SessionShare> shares)
    {
        output.WriteLine();
        output.WriteLine("| state | wait | statement (current, or last when idle in transaction) | blocks others | mean sessions | share |");
        output.WriteLine("|---|---|---|:---:|---:|---:|");
        foreach (var share in shares)
        {
            Line(output, $"| {share.State} | {share.Wait} | `{share.Statement.Replace("|", "\\|", StringComparison.Ordinal)}` | {(share.Blocking ? "yes" : "")} | {LockSampler.Format(share.MeanSessions)} | {share.Share * 100:0}% |");
        }
    }

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
