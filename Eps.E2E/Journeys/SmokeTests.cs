using Eps.E2E.Infrastructure;
using Microsoft.Playwright;

namespace Eps.E2E.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_home_page_renders_and_a_demo_pharmacist_signs_in()
    {
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        var home = await page.GotoAsync("/");
        Assert.Contains("frame-ancestors 'none'", home!.Headers["content-security-policy"], StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Electronic prescriptions you can trust" })).ToBeVisibleAsync();

        await new SignInPage(page).SignInAsync("pharmacist.lagos@eps.test");

        await Assertions.Expect(page.GetByText("pharmacist.lagos@eps.test")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Queue" })).ToBeVisibleAsync();
        await page.OpenAsync("/pharmacy/queue");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queue" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "smoke-signed-in.png") });
        Assert.Empty(violations); // the app runs under its own strict content security policy
    }
}
