using System.Net.Http.Json;
using Eps.E2E.Infrastructure;
using Microsoft.Playwright;

namespace Eps.E2E.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class OversightTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_forged_token_appears_on_the_open_security_monitor_without_reload_and_the_chain_checks_out()
    {
        var admin = await fixture.NewPageAsync();
        await new SignInPage(admin).SignInAsync("admin@eps.test");
        await admin.OpenAsync("/admin/security");
        var marker = $"PHB-PH-{Random.Shared.Next(100000, 999999)}";

        using var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        var forged = await http.PostAsJsonAsync("/api/prescriptions/verify/", new { token = "EPS1:FORGED-TOKEN", pharmacy_code = marker });
        forged.EnsureSuccessStatusCode();

        await Assertions.Expect(admin.GetByTestId("failures").GetByText(marker)).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check audit chain" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("chain-report")).ToContainTextAsync("link correctly");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "security-monitor.png"), FullPage = true });
    }
}
