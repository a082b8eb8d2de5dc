using Eps.E2E.Infrastructure;
using Microsoft.Playwright;

namespace Eps.E2E.Pages;

/// <summary>Page object for the pharmacist's queue.</summary>
public sealed class QueuePage(IPage page)
{
    public Task OpenAsync(string query = "") => page.OpenAsync("/pharmacy/queue" + query);

    public ILocator Tab(string name) => page.GetByRole(AriaRole.Tab, new() { Name = name });

    public ILocator Priority => page.GetByLabel("Priority");

    public ILocator Order => page.GetByLabel("Order");

    public ILocator Search => page.GetByLabel("Search patient name or HPN");

    public ILocator Rows => page.GetByTestId("queue-table").Locator("tbody tr");

    public ILocator Row(string rxNumber) => page.GetByTestId("queue-table").GetByRole(AriaRole.Row).Filter(new() { HasText = rxNumber });

    /// <summary>The polite live region that says how many prescriptions arrived.</summary>
    public ILocator Arrivals => page.GetByTestId("queue-arrivals");

    public ILocator StatsScope => page.GetByTestId("stats-scope");

    /// <summary>The "live" marker beside the pharmacy's name: "live", or "reconnecting…" while other instances' changes may be missed.</summary>
    public ILocator LiveMarker => page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\W*(live|reconnecting…)$") });
}
