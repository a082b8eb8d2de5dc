using Microsoft.Playwright;

namespace Eps.E2E.Infrastructure;

/// <summary>Page object for the Identity sign-in page.</summary>
public sealed class SignInPage(IPage page)
{
    public const string DemoPassword = "Demo!2026";

    public async Task SignInAsync(string email, string password = DemoPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }
}
