using Eps.E2E.Infrastructure;
using Microsoft.Playwright;

namespace Eps.E2E.Pages;

/// <summary>Page object for the patient's "Request a prescription" form.</summary>
public sealed class RequestPrescriptionPage(IPage page)
{
    public Task OpenAsync() => page.OpenAsync("/requests/new");

    public async Task AddMedicineAsync(int index, string typed, string medicine, string strength, int quantity)
    {
        if (index > 0)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Add another medicine" }).ClickAsync();
        }

        var row = page.Locator($"[data-testid='item-{index}']");
        await row.Locator(".mud-autocomplete input").First.PickAsync(page, typed, medicine);
        await row.Locator(".eps-strength").First.ChooseAsync(page, strength);
        await Assertions.Expect(row.Locator(".eps-strength input").First).ToHaveValueAsync(strength);
        var amount = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await row.GetByLabel("Quantity").FillAsync(amount);
        await Assertions.Expect(row.GetByLabel("Quantity")).ToHaveValueAsync(amount);
    }

    public Task ReasonAsync(string reason) => page.GetByLabel("Reason for the request").FillAsync(reason);

    public Task SendAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
}
