using System.Text.Json;
using Eps.E2E.Infrastructure;
using Microsoft.Playwright;

namespace Eps.E2E.Journeys;

/// <summary>The token page at phone width and in print: the IDs never run into each other.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TokenLayoutTests(BrowserFixture fixture)
{
    private const string Measure = """
        () => {
          const box = id => document.querySelector(`[data-testid=${id}]`);
          const [reference, prescription] = [box('token-request-reference'), box('token-field-id')];
          const a = reference.getBoundingClientRect(), b = prescription.getBoundingClientRect();
          return {
            overflow: [reference, prescription].some(e => e.scrollWidth > e.clientWidth + 1),
            overlap: a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
            pageScrolls: document.documentElement.scrollWidth > window.innerWidth + 1,
            columns: getComputedStyle(document.querySelector('.token-fields')).gridTemplateColumns.split(' ').length,
          };
        }
        """;

    [Fact]
    public async Task At_375_px_the_request_reference_and_the_prescription_ID_stack_and_A4_keeps_three_columns()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.App.BaseUrl, ViewportSize = new() { Width = 375, Height = 812 } });
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync("patient@eps.test");
        var rxNumber = await fixture.IssueForDemoPatientAsync();

        await page.OpenAsync($"/prescriptions/{rxNumber}/token");
        await Assertions.Expect(page.GetByTestId("token-field-id")).ToHaveTextAsync(rxNumber);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "token-page-375.png"), FullPage = true });
        var phone = await page.EvaluateAsync<JsonElement>(Measure);

        Assert.False(phone.GetProperty("overflow").GetBoolean(), $"An ID runs out of its cell at 375 px: {phone}");
        Assert.False(phone.GetProperty("overlap").GetBoolean(), $"The IDs overlap at 375 px: {phone}");
        Assert.False(phone.GetProperty("pageScrolls").GetBoolean(), $"The page scrolls sideways at 375 px: {phone}");

        // A4 portrait (210 mm less 2 × 12 mm margins at 96 dpi), print media: three field columns, IDs side by side and clear.
        await page.SetViewportSizeAsync(703, 1000);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var print = await page.EvaluateAsync<JsonElement>(Measure);
        Assert.Equal(3, print.GetProperty("columns").GetInt32());
        Assert.False(print.GetProperty("overflow").GetBoolean(), $"An ID runs out of its cell in print: {print}");
        Assert.False(print.GetProperty("overlap").GetBoolean(), $"The IDs overlap in print: {print}");
        await context.CloseAsync();
    }
}
