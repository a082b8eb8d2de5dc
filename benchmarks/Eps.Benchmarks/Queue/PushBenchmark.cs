using Microsoft.Playwright;

namespace Eps.Benchmarks.Queue;

/// <summary>Approval → row in the open queue's DOM, with the time of each side and how the clocks were related.</summary>
internal sealed record PushFigure(int Approvals, Summary DelayMs, Summary ApproveCallMs, Summary ClockSyncRttMs, string Method);

/// <summary>
/// One pharmacist queue open in headless chromium on a fresh app; approvals through the core services. The page stamps
/// the moment a new prescription ID enters its DOM (MutationObserver, <c>performance.now()</c>); the server stamps the
/// moment the approval returned after its commit. Before each approval the page clock is related to the server clock by
/// the fastest of five round trips (offset = page time − midpoint of the server times around it; error ≤ half that RTT).
/// </summary>
internal static class PushBenchmark
{
    public const string Method =
        "Server: Stopwatch ms when Reviews.ApproveAsync returned (commit + publish). Page: MutationObserver on document.body " +
        "stamps performance.now() when a mutation adds text with the new PHB-RX id. Clock offset per approval from the fastest " +
        "of 5 Evaluate round trips (page − midpoint of server stamps). Delay = page stamp − offset − server stamp.";

    private const int WarmUpApprovals = 3;
    private const string PharmacistEmail = "pharmacist.lagos@eps.test";
    private const string Password = "Demo!2026";

    // Records the first time each prescription ID appears in an added node or changed text, before layout or paint.
    private const string ObserverScript = """
        () => {
          const seen = window.__epsSeen = new Map();
          const pattern = /PHB-RX-\d{8}/g;
          const note = (text, at) => { if (text) for (const m of text.matchAll(pattern)) if (!seen.has(m[0])) seen.set(m[0], at); };
          new MutationObserver(records => {
            const at = performance.now();
            for (const r of records) {
              if (r.type === 'characterData') note(r.target.data, at);
              else for (const n of r.addedNodes) note(n.textContent, at);
            }
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    public static async Task<PushFigure> RunAsync(int approvals, IReadOnlyDictionary<string, string> database, TextWriter progress)
    {
        await using var app = new BenchApp(database: database);
        var baseUrl = app.BaseUrl;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("EPS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page);
        await page.GotoAsync("/pharmacy/queue");
        await page.WaitForSelectorAsync("#eps-interactive[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync(ObserverScript);

        var approver = await Approver.CreateAsync(app.Services);
        var clock = new BenchClock();
        var (delays, calls, rtts) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < WarmUpApprovals + approvals; i++)
        {
            var (offset, rtt) = await SyncAsync(page, clock);
            var approved = await approver.ApproveAsync(clock);
            await page.WaitForFunctionAsync("id => window.__epsSeen.has(id)", approved.PrescriptionId,
                new() { PollingInterval = 20, Timeout = 15_000 });
            var seenAt = await page.EvaluateAsync<double>("id => window.__epsSeen.get(id)", approved.PrescriptionId);
            if (i >= WarmUpApprovals)
            {
                delays.Add(seenAt - offset - approved.CommittedAt);
                calls.Add(approved.CommittedAt - approved.StartedAt);
                rtts.Add(rtt);
            }

            await approver.RetireAsync(approved.PrescriptionId);
            await Task.Delay(100); // let the circuit go idle, as between real approvals
            if ((i + 1) % 20 == 0)
            {
                progress.WriteLine($"  {i + 1 - WarmUpApprovals} approvals measured");
            }
        }

        return new PushFigure(approvals, Summary.Of(delays), Summary.Of(calls), Summary.Of(rtts), Method);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(PharmacistEmail);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>Page clock minus server clock, from the round trip with the smallest RTT.</summary>
    private static async Task<(double Offset, double Rtt)> SyncAsync(IPage page, BenchClock clock)
    {
        var (offset, best) = (0.0, double.MaxValue);
        for (var i = 0; i < 5; i++)
        {
            var before = clock.NowMs;
            var pageNow = await page.EvaluateAsync<double>("() => performance.now()");
            var after = clock.NowMs;
            if (after - before < best)
            {
                (offset, best) = (pageNow - ((before + after) / 2), after - before);
            }
        }

        return (offset, best);
    }
}
