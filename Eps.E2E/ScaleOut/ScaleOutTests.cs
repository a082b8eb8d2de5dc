using System.Net;
using Eps.E2E.Infrastructure;
using Eps.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Eps.E2E.ScaleOut;

/// <summary>
/// Two instances behind HAProxy (see <see cref="ScaleOutCluster"/>). Browser pages reach an instance through the proxy,
/// pinned by its sticky cookie; changes are made through the API of one instance directly.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutTests(ScaleOutCluster cluster)
{
    public const int VerifyLimit = 40;
    private const string Pharmacist = "pharmacist.lagos@eps.test";
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };

    private async Task<QueuePage> OpenQueueOnAsync(Instance instance)
    {
        var page = await cluster.NewPageOnAsync(instance);
        await new SignInPage(page).SignInAsync(Pharmacist);
        var queue = new QueuePage(page);
        await queue.OpenAsync("?sort=newest");
        await Expect(queue.LiveMarker).ToHaveTextAsync("● live");
        return queue;
    }

    [Fact]
    public async Task An_approval_on_one_instance_appears_on_a_queue_open_on_the_other()
    {
        var queueOnB = await OpenQueueOnAsync(cluster.B);

        var rxNumber = await new ScaleOutApi(cluster.A.Url).IssueAsync("Approved on A");

        await Expect(queueOnB.Row(rxNumber)).ToBeVisibleAsync(Soon);
        await Expect(queueOnB.Row(rxNumber)).ToHaveAttributeAsync("data-new", "true");
    }

    [Fact]
    public async Task A_dispense_on_one_instance_moves_the_row_on_a_queue_open_on_the_other()
    {
        var queueOnA = await OpenQueueOnAsync(cluster.A);
        var onA = new ScaleOutApi(cluster.A.Url);
        var rxNumber = await onA.IssueAsync("Dispensed on B");
        await Expect(queueOnA.Row(rxNumber)).ToBeVisibleAsync(Soon);

        await new ScaleOutApi(cluster.B.Url).DispenseAsync(rxNumber, verifiedOn: onA);

        await Expect(queueOnA.Row(rxNumber)).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await queueOnA.Tab("Dispensed").ClickAsync();
        await Expect(queueOnA.Row(rxNumber)).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task Redis_stopped_and_restarted_queues_say_reconnecting_then_show_what_they_missed()
    {
        var queueOnA = await OpenQueueOnAsync(cluster.A);
        var queueOnB = await OpenQueueOnAsync(cluster.B);
        var api = new ScaleOutApi(cluster.A.Url);
        // Signed in before the outage: the token endpoint's rate limit counts in Redis.
        using var warm = await api.AsAsync("doctor@eps.test");

        cluster.Redis.Stop();
        await Expect(queueOnA.LiveMarker).ToHaveTextAsync("○ reconnecting…", new() { Timeout = 30_000 });
        await Expect(queueOnB.LiveMarker).ToHaveTextAsync("○ reconnecting…", new() { Timeout = 30_000 });

        string missed;
        try
        {
            missed = await api.IssueAsync("Approved while Redis was down");
            // A's own queue hears of it at once: the instance delivers its own events without Redis.
            await Expect(queueOnA.Row(missed)).ToBeVisibleAsync(Soon);
            await Task.Delay(2000);
            await Expect(queueOnB.Row(missed)).ToHaveCountAsync(0);
        }
        finally
        {
            cluster.Redis.Restart();
        }

        await Expect(queueOnB.LiveMarker).ToHaveTextAsync("● live", new() { Timeout = 60_000 });
        await Expect(queueOnA.LiveMarker).ToHaveTextAsync("● live", new() { Timeout = 60_000 });
        await Expect(queueOnB.Row(missed)).ToBeVisibleAsync(Soon);

        // And live again: the next approval arrives as usual.
        var after = await api.IssueAsync("Approved after Redis came back");
        await Expect(queueOnB.Row(after)).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task The_verify_rate_limit_holds_across_both_instances()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(cluster.ProxyUrl) };
        var ok = 0;
        var limitedBy = new HashSet<string>();
        for (var i = 0; i < 3 * VerifyLimit && limitedBy.Count < 2; i++)
        {
            using var response = await client.PostAsync("/api/prescriptions/verify/",
                new StringContent("""{"token":"x"}""", System.Text.Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Empty(limitedBy); // once limited, limited everywhere
                ok++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                limitedBy.Add(ScaleOutCluster.ServedBy(response) ?? "?");
            }
        }

        Assert.InRange(ok, 1, VerifyLimit);
        Assert.Equal(["eps1", "eps2"], limitedBy.Order());
    }

    [Fact]
    public async Task The_digest_is_sent_once_although_both_instances_caught_up_at_start()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Digests().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        // Both have had time to deliver anything they queued.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var digests = Digests();
        Assert.Single(digests, d => d.To.Contains("marina", StringComparison.OrdinalIgnoreCase) || d.Text.Contains("Marina", StringComparison.Ordinal));
        Assert.Equal(digests.Count, digests.Select(d => d.To).Distinct().Count());
    }

    private List<(string To, string Text)> Digests() =>
        new[] { cluster.A, cluster.B }
            .Where(i => Directory.Exists(i.MailFolder))
            .SelectMany(i => Directory.GetFiles(i.MailFolder, "*.eml"))
            .Select(File.ReadAllText)
            .Where(text => text.Contains("Subject: Daily digest", StringComparison.Ordinal))
            .Select(text => (text.Split('\n').First(l => l.StartsWith("To:", StringComparison.Ordinal)).Trim(), text))
            .ToList();

    [Fact]
    public async Task Signing_in_through_the_proxy_keeps_the_session_on_either_instance()
    {
        var page = await cluster.NewPageOnAsync(cluster.A);
        await new SignInPage(page).SignInAsync(Pharmacist);

        // The load balancer now sends this browser to B (A left the pool, or its cookie was reassigned).
        await cluster.PinAsync(page.Context, cluster.B);
        var queue = new QueuePage(page);
        await queue.OpenAsync("");

        Assert.DoesNotContain("/Account/Login", page.Url, StringComparison.Ordinal);
        await Expect(queue.LiveMarker).ToHaveTextAsync("● live");
        await Expect(queue.Tab("Pending")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_token_signed_after_a_key_rotation_on_one_instance_verifies_on_the_other()
    {
        var admin = await cluster.NewPageOnAsync(cluster.A);
        await new SignInPage(admin).SignInAsync("admin@eps.test");
        await admin.OpenAsync("/admin/keys");
        var keysBefore = await admin.GetByTestId("signing-keys").Locator("tbody tr").CountAsync();
        await admin.GetByTestId("rotate-key").ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
        await Expect(admin.GetByTestId("signing-keys").Locator("tbody tr")).ToHaveCountAsync(keysBefore + 1);

        var onA = new ScaleOutApi(cluster.A.Url);
        var rxNumber = await onA.IssueAsync("Signed with the new key");
        var token = await onA.TokenAsync(rxNumber);

        var onB = await new ScaleOutApi(cluster.B.Url).VerifyAsync(token);
        Assert.True(onB.GetProperty("valid").GetBoolean(), onB.ToString());
    }
}
