using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// Two app processes on one SQLite file: 100 concurrent dispenses of one prescription, alternating between them, must
/// have exactly one winner; the start-up digest catch-up of both must queue one digest per pharmacy, delivered once.
/// </summary>
internal static class TwoInstances
{
    public const string Scenario = "two instances, one database";
    private const int Attempts = 100;
    private static readonly TimeZoneInfo Lagos = TimeZoneInfo.FindSystemTimeZoneById("Africa/Lagos");

    public static async Task<(List<Check> Checks, Dictionary<string, object> Figures)> RunAsync(string dataPath, TextWriter log)
    {
        var (rx, nonce, pharmacies) = await PrepareAsync(dataPath);
        using var mail = MailCounter.Up();
        var settings = new Dictionary<string, string>(mail.Settings)
        {
            ["Mail:DeliveryIntervalSeconds"] = "1",
            ["Mail:FirstRetrySeconds"] = "1",
        };
        // The start-up catch-up only sends once the digest hour has passed in Lagos: make it due whatever the time.
        var lagosHour = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Lagos).Hour;
        if (lagosHour < 8)
        {
            settings["Notifications:DigestHour"] = "0";
        }

        using var first = WorkerProcess.Start(WorkerMode.Serve, dataPath, settings);
        using var second = WorkerProcess.Start(WorkerMode.Serve, dataPath, settings);
        var urls = await Task.WhenAll(first.WaitForAsync("ready", TimeSpan.FromMinutes(2)), second.WaitForAsync("ready", TimeSpan.FromMinutes(2)));
        using var a = new PharmacistClient(urls[0]["ready ".Length..]);
        await a.SignInAsync();
        // Signed in on the first instance only: the second accepts the cookie if both read the same data-protection keys.
        using var b = new PharmacistClient(urls[1]["ready ".Length..], a.Cookies);
        var cookieShared = await b.IsSignedInAsync();
        using var own = new PharmacistClient(urls[1]["ready ".Length..]);
        if (!cookieShared)
        {
            await own.SignInAsync();
        }

        var onSecond = cookieShared ? b : own;
        using var gate = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, Attempts).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await (i % 2 == 0 ? a : onSecond).DispenseAsync(rx, nonce, CancellationToken.None);
        })).ToList();
        gate.Set();
        var statuses = await Task.WhenAll(calls);
        log.WriteLine($"  100 dispenses over both instances: {statuses.Count(s => s == 200)} × 200, {statuses.Count(s => s == 409)} × 409");

        await WaitForDigestsAsync(dataPath, pharmacies.Count);
        await Task.WhenAll(first.SendAsync("stop"), second.SendAsync("stop"));
        await Task.WhenAll(first.WaitForAsync("audit", TimeSpan.FromMinutes(4)), second.WaitForAsync("audit", TimeSpan.FromMinutes(4)));
        await Task.WhenAll(first.WaitForExitAsync(TimeSpan.FromMinutes(1)), second.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var audit = first.Lines.Single(l => l.StartsWith("audit ", StringComparison.Ordinal));

        var checks = new Checks(Scenario);
        using var db = new DatabaseCheck(dataPath);
        checks.Equal($"dispenses answered 200, of {Attempts} over both", statuses.Count(s => s == 200), 1);
        checks.Equal("dispenses answered 409", statuses.Count(s => s == 409), Attempts - 1);
        checks.Equal("prescriptions dispensed twice (register, attempts or audit)", db.DoubleDispenses, 0);
        checks.Equal("half-written dispenses", db.HalfDispensed, 0);
        var records = db.DigestRecordsByPharmacy();
        var rows = db.DigestRowsByRecipient();
        foreach (var email in pharmacies)
        {
            var counts = (records.GetValueOrDefault(email), rows.GetValueOrDefault(email), (long)mail.CountTo(email));
            checks.True($"digests for {email}: records / outbox rows / emails received", counts == (1, 1, 1),
                $"{counts.Item1} / {counts.Item2} / {counts.Item3}", "1 / 1 / 1");
        }

        var received = mail.ByOutboxId();
        checks.Equal("outbox rows sent more than once by the two instances", received.Where(r => r.Value > 1).Sum(r => r.Value - 1), 0);
        checks.Equal("outbox rows never delivered", db.OutboxIds().Count(id => !received.ContainsKey(id)), 0);
        checks.True("audit chain", audit.StartsWith("audit ok", StringComparison.Ordinal), audit.StartsWith("audit ok", StringComparison.Ordinal) ? "intact" : "broken", "intact");
        checks.Info("second instance accepted the first one's sign-in cookie", cookieShared ? "yes" : "no (signed in separately)", "–");
        var figures = new Dictionary<string, object>
        {
            ["dispense_200"] = statuses.Count(s => s == 200),
            ["dispense_409"] = statuses.Count(s => s == 409),
            ["dispense_other"] = statuses.Count(s => s is not 200 and not 409),
            ["digest_hour_used"] = settings.GetValueOrDefault("Notifications:DigestHour", "8"),
            ["lagos_hour_at_start"] = lagosHour,
            ["digests_by_pharmacy"] = pharmacies.ToDictionary(e => e, e => mail.CountTo(e)),
            ["cookie_shared"] = cookieShared,
        };
        return (checks.All, figures);
    }

    /// <summary>Pending work at all three demo pharmacies plus the prescription the counters race for; no app, so no digest yet.</summary>
    private static async Task<(string Rx, Guid Nonce, List<string> Pharmacies)> PrepareAsync(string dataPath)
    {
        await using var core = await CoreHost.StartAsync(dataPath);
        var prescriber = await Prescriber.CreateAsync(core.Services);
        await using var db = await core.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        var pharmacies = await db.Pharmacies.OrderBy(p => p.Id).Select(p => new { p.Id, p.Email }).ToListAsync();
        foreach (var pharmacy in pharmacies)
        {
            await prescriber.IssueAsync(pharmacy.Id, CancellationToken.None);
        }

        var lagos = await Prescriber.PharmacyIdAsync(core.Services, Prescriber.Lagos);
        var target = (await prescriber.IssueAsync(lagos, CancellationToken.None)).PrescriptionIds[0];
        var nonce = await db.Prescriptions.Where(p => p.RxNumber == target).Select(p => p.Nonce).SingleAsync();
        return (target, nonce, pharmacies.ConvertAll(p => p.Email));
    }

    private static async Task WaitForDigestsAsync(string dataPath, int expected)
    {
        for (var i = 0; i < 150; i++)
        {
            using (var db = new DatabaseCheck(dataPath))
            {
                if (db.Scalar("SELECT COUNT(*) FROM DigestRecords") >= expected)
                {
                    break;
                }
            }

            await Task.Delay(200);
        }

        // Long enough for a slower second catch-up to have raced and lost.
        await Task.Delay(1_000);
    }
}
