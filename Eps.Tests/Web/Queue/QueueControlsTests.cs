using AngleSharp.Dom;
using Bunit;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Queue;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Eps.Tests.Web.Queue;

/// <summary>
/// The queue's tabs, filters and search, written as plain markup, drive the table as MudBlazor's controls did, and are
/// kept in the address. This class's app issues nothing: every queue in it is empty.
/// </summary>
public sealed class QueueControlsTests(EpsApp app) : IClassFixture<EpsApp>
{
    private async Task<(BunitContext Context, IRenderedComponent<PharmacyQueue> Queue)> OpenAsync(string? address = null)
    {
        var ctx = await BunitHarness.SignedInAsync(app, "pharmacist.lagos@eps.test");
        ctx.WithAppServices(app, typeof(QueueQuery), typeof(IQueueEvents), typeof(IQueueEventTransport), typeof(PharmacyDirectory), typeof(ReadyForCollection));
        ctx.Render<MudPopoverProvider>();
        if (address is not null)
        {
            ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        }

        var cut = ctx.Render<PharmacyQueue>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-table-loading-row")));
        return (ctx, cut);
    }

    private static IElement Tab(IRenderedComponent<PharmacyQueue> cut, string name) =>
        cut.FindAll("[role=tab]").Single(t => t.TextContent == name);

    private static string Shown(IRenderedComponent<PharmacyQueue> cut, string selectId) =>
        cut.Find($"#{selectId}").ParentElement!.QuerySelector(".mud-input-slot")!.TextContent;

    private static string Address(BunitContext ctx) => ctx.Services.GetRequiredService<NavigationManager>().Uri;

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query(BunitContext ctx) =>
        QueryHelpers.ParseQuery(new Uri(Address(ctx)).Query);

    private static string EmptyText(IRenderedComponent<PharmacyQueue> cut) => cut.Find("[data-testid=queue-empty]").TextContent;

    private static string LastColumn(IRenderedComponent<PharmacyQueue> cut) => cut.FindAll("[data-testid=queue-table] th")[6].TextContent;

    [Fact]
    public async Task Clicking_a_tab_selects_it_and_reloads_the_table_for_it()
    {
        var (ctx, cut) = await OpenAsync();
        await using var _ = ctx;

        await cut.InvokeAsync(() => Tab(cut, "Dispensed").Click());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", Tab(cut, "Dispensed").GetAttribute("aria-selected"));
            Assert.Equal("false", Tab(cut, "Pending").GetAttribute("aria-selected"));
            Assert.Equal("Dispensed", LastColumn(cut));
            Assert.Contains("left:50%", cut.Find(".mud-tab-slider").GetAttribute("style"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Arrow_keys_move_between_the_tabs()
    {
        var (ctx, cut) = await OpenAsync();
        await using var _ = ctx;

        await cut.InvokeAsync(() => cut.Find("[role=tablist]").KeyDown("ArrowLeft"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("0", Tab(cut, "Expired").GetAttribute("tabindex"));
            Assert.Equal("Expires", LastColumn(cut));
            // The header switches first; the tab's rows arrive with the next render.
            Assert.Contains("No expired prescriptions", cut.Find("[data-testid=queue-table]").TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Typing_a_search_filters_after_a_pause_and_clearing_it_shows_the_queue_again()
    {
        var (ctx, cut) = await OpenAsync();
        await using var _ = ctx;

        await cut.InvokeAsync(() => cut.Find("#queue-search").Input("Nobody Of-That-Name"));

        cut.WaitForAssertion(() =>
        {
            Assert.NotEmpty(cut.FindAll(".mud-input-clear-button"));
            Assert.Empty(cut.FindAll("[data-testid=queue-table] tbody td"));
            Assert.NotEmpty(cut.FindAll(".mud-table-empty-row"));
        }, TimeSpan.FromSeconds(5));

        await cut.InvokeAsync(() => cut.Find(".mud-input-clear-button").Click());

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll(".mud-input-clear-button"));
            Assert.Equal("", cut.Find("#queue-search").GetAttribute("value") ?? "");
        });
    }

    [Fact]
    public async Task Choosing_a_priority_shows_it_in_the_select()
    {
        var (ctx, cut) = await OpenAsync();
        await using var _ = ctx;

        await cut.InvokeAsync(() => cut.Find("#queue-priority").Change("high_risk"));

        cut.WaitForAssertion(() =>
        {
            var select = cut.Find("#queue-priority").ParentElement!;
            Assert.Equal("High risk", select.QuerySelector(".mud-input-slot")!.TextContent);
            Assert.Empty(cut.FindAll(".mud-table-loading-row"));
        });
    }

    [Fact]
    public async Task A_shared_link_opens_the_queue_as_it_was_shared()
    {
        var (ctx, cut) = await OpenAsync(
            "/pharmacy/queue?status=dispensed&priority=high_risk&date_range=week&patient_search=okafor&sort=oldest&page_size=50");
        await using var _ = ctx;

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", Tab(cut, "Dispensed").GetAttribute("aria-selected"));
            Assert.Equal("High risk", Shown(cut, "queue-priority"));
            Assert.Equal("Last 7 days", Shown(cut, "queue-issued"));
            Assert.Equal("Oldest first", Shown(cut, "queue-sort"));
            Assert.Equal("okafor", cut.Find("#queue-search").GetAttribute("value"));
            Assert.Equal("50", cut.Find(".mud-table-pagination-select .mud-input-slot").TextContent);
            Assert.Equal("Counting dispensed prescriptions, high-risk only, issued in the last 7 days, matching 'okafor'",
                cut.Find("[data-testid=stats-scope]").TextContent);
            Assert.Equal("No dispensed high-risk prescriptions issued in the last 7 days match 'okafor'.", EmptyText(cut));
        });
    }

    [Fact]
    public async Task Each_choice_goes_into_the_address_and_going_back_shows_the_one_before()
    {
        var (ctx, cut) = await OpenAsync("/pharmacy/queue");
        await using var _ = ctx;

        await cut.InvokeAsync(() => cut.Find("#queue-priority").Change("high_risk"));
        cut.WaitForAssertion(() => Assert.Equal("high_risk", Query(ctx)["priority"].ToString()));
        var highRisk = Address(ctx);
        await cut.InvokeAsync(() => Tab(cut, "Dispensed").Click());
        cut.WaitForAssertion(() => Assert.Equal("dispensed", Query(ctx)["status"].ToString()));
        Assert.Equal("high_risk", Query(ctx)["priority"].ToString());

        // Back, as the browser reports it: a location change to the address before.
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(highRisk);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", Tab(cut, "Pending").GetAttribute("aria-selected"));
            Assert.Equal("Expires", LastColumn(cut));
            Assert.Equal("High risk", Shown(cut, "queue-priority"));
            Assert.Equal("No high-risk prescriptions are waiting.", EmptyText(cut));
        });

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/pharmacy/queue");

        cut.WaitForAssertion(() => Assert.Equal("All", Shown(cut, "queue-priority")));
    }

    [Fact]
    public async Task Values_the_page_does_not_know_show_the_defaults_and_leave_the_address()
    {
        var (ctx, cut) = await OpenAsync("/pharmacy/queue?status=lost&priority=urgent&date_range=year&sort=sideways&page=abc&page_size=7");
        await using var _ = ctx;

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", Tab(cut, "Pending").GetAttribute("aria-selected"));
            Assert.Equal("All", Shown(cut, "queue-priority"));
            Assert.Equal("Any time", Shown(cut, "queue-issued"));
            Assert.Equal("Oldest first", Shown(cut, "queue-sort"));
            Assert.Equal("25", cut.Find(".mud-table-pagination-select .mud-input-slot").TextContent);
            Assert.Empty(Query(ctx));
        });
    }

    [Fact]
    public async Task An_unfiltered_empty_queue_says_nothing_is_waiting_and_offers_nothing_to_clear()
    {
        var (ctx, cut) = await OpenAsync("/pharmacy/queue");
        await using var _ = ctx;

        cut.WaitForAssertion(() => Assert.Equal(
            "No prescriptions waiting. New ones appear here as soon as a doctor approves them.", EmptyText(cut)));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Clear filters", StringComparison.Ordinal));
        Assert.Equal("Counting pending prescriptions", cut.Find("[data-testid=stats-scope]").TextContent);
    }

    [Fact]
    public async Task A_filtered_empty_queue_names_the_filter_and_clearing_it_shows_the_whole_queue()
    {
        var (ctx, cut) = await OpenAsync("/pharmacy/queue?priority=high_risk&patient_search=okafor&sort=newest");
        await using var _ = ctx;
        cut.WaitForAssertion(() => Assert.Equal("No high-risk prescriptions match 'okafor'.", EmptyText(cut)));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent == "Clear filters").Click());

        cut.WaitForAssertion(() =>
        {
            Assert.StartsWith("No prescriptions waiting.", EmptyText(cut), StringComparison.Ordinal);
            Assert.Equal("", cut.Find("#queue-search").GetAttribute("value") ?? "");
            Assert.Equal("All", Shown(cut, "queue-priority"));
            Assert.Equal("Newest first", Shown(cut, "queue-sort")); // the order is no filter: it stays
            Assert.Equal(new[] { "sort" }, Query(ctx).Keys);
        });
    }
}
