using Microsoft.Playwright;

namespace Eps.E2E.Infrastructure;

/// <summary>Waits and MudBlazor interactions shared by the page objects.</summary>
public static class PageExtensions
{
    /// <summary>Navigates and waits until the Blazor circuit is interactive (prerendered clicks would be lost).</summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("#eps-interactive[data-ready='true']", new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Types into a MudAutocomplete and picks the first suggestion containing <paramref name="option"/>.</summary>
    public static async Task PickAsync(this ILocator autocomplete, IPage page, string typed, string option)
    {
        await autocomplete.ClickAsync();
        await autocomplete.FillAsync(typed);
        // Wait for the debounced search to narrow the list before clicking, or the click lands on a stale item.
        var first = page.Locator(".mud-popover-open .mud-list-item").First;
        await Assertions.Expect(first).ToContainTextAsync(option);
        await first.ClickAsync();
        await Assertions.Expect(autocomplete).ToHaveValueAsync(option);
    }

    /// <summary>Opens a MudSelect and chooses an option by its text.</summary>
    public static async Task ChooseAsync(this ILocator select, IPage page, string option)
    {
        // A popover still closing would swallow the click as an "outside click".
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>Runs a wait; if it fails, saves a full-page screenshot beside the test binaries before rethrowing.</summary>
    public static async Task ShotOnFailureAsync(this IPage page, string name, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException e)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, $"failure-{name}.png"), FullPage = true });
            // CI keeps only the console: say what the page showed (messages, field errors) next to the timeout.
            var shown = await page.InnerTextAsync("main");
            throw new TimeoutException($"{e.Message}\nAt {page.Url} the page showed:\n{shown[..Math.Min(shown.Length, 2000)]}", e);
        }
    }
}
