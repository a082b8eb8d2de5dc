using AngleSharp.Dom;
using Bunit;
using Eps.Core.Pharmacies;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Queue;
using MudBlazor;

namespace Eps.Tests.Web.Queue;

/// <summary>The queue's tabs, filters and search, written as plain markup, drive the table as MudBlazor's controls did.</summary>
public sealed class QueueControlsTests(EpsApp app) : IClassFixture<EpsApp>
{
    private async Task<(BunitContext Context, IRenderedComponent<PharmacyQueue> Queue)> OpenAsync()
    {
        var ctx = await BunitHarness.SignedInAsync(app, "pharmacist.lagos@eps.test");
        ctx.WithAppServices(app, typeof(QueueQuery), typeof(IQueueEvents), typeof(PharmacyDirectory));
        ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<PharmacyQueue>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-table-loading-row")));
        return (ctx, cut);
    }

    private static IElement Tab(IRenderedComponent<PharmacyQueue> cut, string name) =>
        cut.FindAll("[role=tab]").Single(t => t.TextContent == name);

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
            Assert.Contains("left:33.33%", cut.Find(".mud-tab-slider").GetAttribute("style"), StringComparison.Ordinal);
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

        await cut.InvokeAsync(() => cut.Find("#queue-priority").Change(nameof(Eps.Core.Drugs.Priority.HighRisk)));

        cut.WaitForAssertion(() =>
        {
            var select = cut.Find("#queue-priority").ParentElement!;
            Assert.Equal("High risk", select.QuerySelector(".mud-input-slot")!.TextContent);
            Assert.Empty(cut.FindAll(".mud-table-loading-row"));
        });
    }
}
