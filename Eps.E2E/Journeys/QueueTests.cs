using System.Text.RegularExpressions;
using Eps.E2E.Infrastructure;
using Eps.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Eps.E2E.Journeys;

/// <summary>The queue at a busy counter: filters kept in the address, new prescriptions marked where the order puts them.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class QueueTests(BrowserFixture fixture)
{
    private async Task<(IPage Page, QueuePage Queue)> SignInAsync()
    {
        var page = await fixture.NewPageAsync();
        await new SignInPage(page).SignInAsync("pharmacist.lagos@eps.test");
        return (page, new QueuePage(page));
    }

    [Fact]
    public async Task Filters_survive_back_forward_and_reload()
    {
        var (page, queue) = await SignInAsync();
        await queue.OpenAsync();

        await queue.Priority.SelectOptionAsync("high_risk");
        await Expect(page).ToHaveURLAsync(HighRisk());
        await queue.Tab("Dispensed").ClickAsync();
        await Expect(page).ToHaveURLAsync(Dispensed());
        await Expect(queue.StatsScope).ToHaveTextAsync("Counting dispensed prescriptions, high-risk only");

        await page.GoBackAsync();
        await Expect(queue.Tab("Pending")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(queue.Priority).ToHaveValueAsync("high_risk");
        await Expect(queue.StatsScope).ToHaveTextAsync("Counting pending prescriptions, high-risk only");

        await page.GoForwardAsync();
        await Expect(queue.Tab("Dispensed")).ToHaveAttributeAsync("aria-selected", "true");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#eps-interactive[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        await Expect(queue.Tab("Dispensed")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(queue.Priority).ToHaveValueAsync("high_risk");
    }

    [Fact]
    public async Task A_prescription_approved_meanwhile_arrives_marked_new_at_the_top_of_newest_first()
    {
        var (_, queue) = await SignInAsync();
        await queue.OpenAsync("?sort=newest");
        await Expect(queue.Order).ToHaveValueAsync("newest");

        var rxNumber = await fixture.IssueForDemoPatientAsync();

        await Expect(queue.Rows.First).ToContainTextAsync(rxNumber);
        await Expect(queue.Row(rxNumber)).ToContainTextAsync("New");
        await Expect(queue.Row(rxNumber)).ToHaveAttributeAsync("data-new", "true");
        await Expect(queue.Arrivals).ToHaveTextAsync("1 new prescription");

        await queue.Row(rxNumber).GetByRole(AriaRole.Cell).First.ClickAsync();

        await Expect(queue.Row(rxNumber)).Not.ToHaveAttributeAsync("data-new", "true");
        await Expect(queue.Row(rxNumber).GetByText("New", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [GeneratedRegex("priority=high_risk")]
    private static partial Regex HighRisk();

    [GeneratedRegex("status=dispensed.*priority=high_risk|priority=high_risk.*status=dispensed")]
    private static partial Regex Dispensed();
}
