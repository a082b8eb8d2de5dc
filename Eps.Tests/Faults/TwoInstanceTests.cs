using System.Net;
using System.Net.Http.Json;
using Eps.Core.Data;
using Eps.Core.Data.Seed;
using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Eps.Tests.Faults;

/// <summary>
/// Two app hosts (each with its own Kestrel socket, services, connection pool and Quartz scheduler) on one data folder
/// and one database,
/// as two instances behind a load balancer: a prescription is dispensed once, each pharmacy gets one digest.
/// </summary>
public sealed class TwoInstanceTests
{
    private const string GardenCity = "PHB-PH-300303";
    private static readonly string[] Pharmacies = ["marina@pharmacy.eps.test", "wuse@pharmacy.eps.test", "gardencity@pharmacy.eps.test"];

    [Fact]
    public async Task Two_hosts_on_one_database_let_one_of_100_concurrent_dispenses_win_and_send_one_digest_per_pharmacy()
    {
        using var data = new TempDirectory();
        using var database = TestDatabase.Create();
        using var smtp = SmtpSink.Start();
        // 10:00 in Lagos, past the 08:00 digest hour, whatever the time the test runs.
        var time = new FakeTimeProvider(CoreHarness.StartTime);
        await using var first = new Instance(data.Path, database, time, smtp);
        first.Start();
        await using var second = new Instance(data.Path, database, time, smtp);
        second.Start();

        foreach (var pharmacy in new[] { Scenario.Lagos, Scenario.Abuja, GardenCity })
        {
            await Scenario.IssueAsync(first.Services, "Amoxicillin", pharmacy);
        }

        var rx = await Scenario.IssueAsync(second.Services, "Paracetamol");
        var counters = new[] { await SignInAsync(first), await SignInAsync(second) };
        var body = new
        {
            prescription_id = rx.RxNumber, nonce = rx.Nonce, pharmacy_code = Scenario.Lagos, pharmacist_name = "Funmilayo Adeyemi",
        };
        using var gate = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return (await counters[i % 2].PostAsJsonAsync("/api/prescriptions/dispense/", body)).StatusCode;
        })).ToList();
        gate.Set();
        var statuses = await Task.WhenAll(calls);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(99, statuses.Count(s => s == HttpStatusCode.Conflict));

        // Both instances' digest jobs fire at the same moment (their start-up catch-up may already have run).
        await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<DigestService>().RunIfDueAsync(CancellationToken.None)),
            Task.Run(() => second.Services.GetRequiredService<DigestService>().RunIfDueAsync(CancellationToken.None)));
        await WaitForDeliveryAsync(first, time);

        await using var db = await first.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.DispenseRecords.Where(d => d.PrescriptionId == rx.Id).ToListAsync());
        Assert.Equal(1, await db.VerificationAttempts.CountAsync(a => a.PrescriptionId == rx.Id && a.Success));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Kind == "dispense" && a.Subject == rx.RxNumber));
        var records = await db.DigestRecords.Join(db.Pharmacies, d => d.PharmacyId, p => p.Id, (_, p) => p.Email).ToListAsync();
        Assert.Equal(Pharmacies.Order(), records.Order());
        Assert.All(Pharmacies, email => Assert.Single(smtp.To(email), m => m.Subject!.StartsWith("Daily digest", StringComparison.Ordinal)));
        Assert.Equal(await db.Outbox.CountAsync(), smtp.Count);
    }

    private static async Task<HttpClient> SignInAsync(Instance instance)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = instance.Start(),
        };
        var response = await Login.SignInAsync(client, "pharmacist.lagos@eps.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>
    /// Every outbox row sent, by whichever instance's delivery job claimed it. Quartz reads the injected clock too, so
    /// the fake clock is moved a second at a time for the every-second delivery trigger to fire.
    /// </summary>
    private static async Task WaitForDeliveryAsync(Instance instance, FakeTimeProvider time)
    {
        var factory = instance.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>();
        for (var i = 0; i < 150; i++)
        {
            await using var db = await factory.CreateDbContextAsync();
            if (!await db.Outbox.AnyAsync(m => m.Status != OutboxStatus.Sent))
            {
                return;
            }

            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }

        await using var left = await factory.CreateDbContextAsync();
        var rows = await left.Outbox.Where(m => m.Status != OutboxStatus.Sent).Select(m => $"{m.Id} {m.Kind} {m.Attempts} {m.LastError}").ToListAsync();
        Assert.Fail("The outbox did not drain within 15 s: " + string.Join("; ", rows));
    }

    /// <summary>One app instance on the shared data folder, reading time from the shared fake clock.</summary>
    private sealed class Instance : WebApplicationFactory<Program>
    {
        private readonly string _dataPath;
        private readonly TestDatabaseInstance _database;
        private readonly FakeTimeProvider _time;
        private readonly SmtpSink _smtp;

        public Instance(string dataPath, TestDatabaseInstance database, FakeTimeProvider time, SmtpSink smtp)
        {
            (_dataPath, _database, _time, _smtp) = (dataPath, database, time, smtp);
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }

        public Uri Start() => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Storage:DataPath", _dataPath);
            builder.UseSetting("RateLimits:SignInPermitsPerMinute", "10000");
            builder.UseSetting("Mail:DeliveryIntervalSeconds", "1");
            foreach (var (key, value) in _database.Settings.Concat(_smtp.Settings))
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time));
        }
    }
}
