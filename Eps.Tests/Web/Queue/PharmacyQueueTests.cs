using Bunit;
using Eps.Core.Drugs;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Tests.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Queue;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Eps.Tests.Web.Queue;

public sealed class PharmacyQueueTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Pharmacist = "pharmacist.lagos@eps.test";

    /// <summary>The queue table's first page size.</summary>
    private const int FirstPageRows = 25;

    private async Task<BunitContext> ContextAsync(string? address = null, TimeProvider? pageTime = null)
    {
        var ctx = await BunitHarness.SignedInAsync(app, Pharmacist);
        ctx.WithAppServices(app, typeof(QueueQuery), typeof(IQueueEvents), typeof(IQueueEventTransport), typeof(PharmacyDirectory), typeof(ReadyForCollection));
        if (pageTime is not null)
        {
            ctx.Services.AddSingleton(pageTime); // the page's own clock; the core keeps the app's
        }

        ctx.Render<MudPopoverProvider>();
        if (address is not null)
        {
            ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        }

        return ctx;
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<PharmacyQueue> cut) =>
        cut.FindAll("[data-testid=queue-table] tbody tr");

    private static string Arrivals(IRenderedComponent<PharmacyQueue> cut) => cut.Find("[data-testid=queue-arrivals]").TextContent.Trim();

    /// <summary>Approves a new request through the core, as a doctor would: this publishes the queue event.</summary>
    private async Task<string> ApproveNewAsync(string drug = "Amoxicillin", string strength = "500 mg")
    {
        var patient = await BunitHarness.ActorAsync(app, "patient@eps.test");
        var doctor = await BunitHarness.ActorAsync(app, "doctor@eps.test");
        int drugId, pharmacyId;
        await using (var db = await app.NewDbAsync())
        {
            drugId = await db.Drugs.Where(d => d.GenericName == drug).Select(d => d.Id).SingleAsync();
            pharmacyId = await db.Pharmacies.Where(p => p.Code == Scenario.Lagos).Select(p => p.Id).SingleAsync();
        }

        // The queue event goes out after the commit, on its own time: wait until it has been delivered, so that a page
        // opened afterwards does not receive it late and take the row for an arrival.
        var delivered = System.Threading.Channels.Channel.CreateUnbounded<string>();
        using var probe = app.Services.GetRequiredService<IQueueEvents>().Subscribe(pharmacyId, change =>
        {
            if (change.Kind == QueueChangeKind.Added)
            {
                delivered.Writer.TryWrite(change.PrescriptionId);
            }

            return Task.CompletedTask;
        });
        var (submitted, reference) = await app.Services.GetRequiredService<PatientRequests>()
            .SubmitAsync(patient, new NewRequest(pharmacyId, "Repeat", [new RequestedItem(drugId, strength, 14, null)]), default);
        Assert.True(submitted.Succeeded, submitted.Message);
        await using var read = await app.NewDbAsync();
        var request = await read.PrescriptionRequests.Include(r => r.Items).SingleAsync(r => r.Reference == reference);
        var approval = await app.Services.GetRequiredService<Reviews>().ApproveAsync(doctor, request.Id,
            [new ItemDecision(request.Items[0].Id, true, "As directed", "Daily", 14, 0)], null,
            await SigningKit.CodeAsync(app.Services), default);
        Assert.True(approval.Succeeded, approval.Message);
        var id = approval.PrescriptionIds[0];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string seen;
        do
        {
            seen = await delivered.Reader.ReadAsync(timeout.Token);
        }
        while (seen != id);

        return id;
    }

    private static int Stat(IRenderedComponent<PharmacyQueue> cut, string name) =>
        int.Parse(cut.Find($"[data-testid={name}] .eps-stat-value").TextContent, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_approval_elsewhere_appears_in_the_open_queue_without_reload()
    {
        await ApproveNewAsync();
        await using var ctx = await ContextAsync();
        var cut = ctx.Render<PharmacyQueue>();
        cut.WaitForAssertion(() => Assert.True(Stat(cut, "stat-total") >= 1));
        var before = Stat(cut, "stat-total");
        var controlledBefore = Stat(cut, "stat-controlled");
        // The first page lists the oldest rows: the new one is on it only while the queue is shorter than a page. This
        // class's own app holds just the few rows its tests approve.
        Assert.True(before < FirstPageRows, $"{before} pending rows: the new one would not be on the first page");

        var id = await ApproveNewAsync("Tramadol", "50 mg");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(before + 1, Stat(cut, "stat-total"));
            Assert.Equal(controlledBefore + 1, Stat(cut, "stat-controlled"));
            Assert.Contains(id, cut.Find("[data-testid=queue-table]").TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Stats_and_rows_match_the_queue_query_for_the_pharmacy()
    {
        await ApproveNewAsync("Warfarin", "1 mg");
        await using var ctx = await ContextAsync();
        var cut = ctx.Render<PharmacyQueue>();

        var pharmacyId = (await BunitHarness.ActorAsync(app, Pharmacist)).PharmacyId!.Value;
        var expected = await app.Services.GetRequiredService<QueueQuery>().PageAsync(pharmacyId, new QueueFilter(), 0, 25, default);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(expected.Stats.Total, Stat(cut, "stat-total"));
            Assert.Equal(expected.Stats.HighRisk, Stat(cut, "stat-high-risk"));
            Assert.Equal(expected.Stats.Routine, Stat(cut, "stat-routine"));
            Assert.Equal(expected.Rows.Count, cut.FindAll("[data-testid=queue-table] tbody tr").Count);
        });
        Assert.Contains("High risk", cut.Find("[data-testid=queue-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_the_queue_ends_its_subscription()
    {
        var events = app.Services.GetRequiredService<IQueueEvents>();
        var pharmacyId = (await BunitHarness.ActorAsync(app, Pharmacist)).PharmacyId!.Value;
        var open = events.SubscriberCount(pharmacyId);

        var ctx = await ContextAsync();
        var cut = ctx.Render<PharmacyQueue>();
        cut.WaitForAssertion(() => Assert.Equal(open + 1, events.SubscriberCount(pharmacyId)));

        await ctx.DisposeAsync();

        Assert.Equal(open, events.SubscriberCount(pharmacyId));
    }

    [Fact]
    public async Task A_prescription_arriving_while_the_queue_is_open_is_marked_new_and_announced_until_the_pharmacist_looks()
    {
        await ApproveNewAsync();
        await using var ctx = await ContextAsync("/pharmacy/queue?sort=newest");
        var cut = ctx.Render<PharmacyQueue>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=queue-table] tbody td[data-label=Prescription]")));
        Assert.Empty(cut.FindAll("tr[data-new]"));
        Assert.Equal("", Arrivals(cut));

        var id = await ApproveNewAsync("Tramadol", "50 mg");

        cut.WaitForAssertion(() =>
        {
            var top = Rows(cut)[0]; // newest first: the arrival is at the top
            Assert.Contains(id, top.TextContent, StringComparison.Ordinal);
            Assert.Equal("true", top.GetAttribute("data-new"));
            Assert.Equal("New", top.QuerySelector(".eps-tag-new")?.TextContent);
            Assert.Single(cut.FindAll("tr[data-new]"));
            Assert.Equal("1 new prescription", Arrivals(cut));
        }, TimeSpan.FromSeconds(5));
        Assert.Equal("status", cut.Find("[data-testid=queue-arrivals]").GetAttribute("role"));

        await cut.InvokeAsync(() => cut.Find("tr[data-new]").Click());

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("tr[data-new]"));
            Assert.Empty(cut.FindAll(".eps-tag-new"));
            Assert.Contains(id, Rows(cut)[0].TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_new_mark_clears_by_itself_after_a_while()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var ctx = await ContextAsync("/pharmacy/queue?sort=newest", clock);
        var cut = ctx.Render<PharmacyQueue>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-table-loading-row")));

        var id = await ApproveNewAsync();
        cut.WaitForAssertion(() => Assert.Contains(id, cut.Find("tr[data-new]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));

        clock.Advance(QueueArrivals.Lifetime - TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr[data-new]")));
        clock.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("tr[data-new]"));
            Assert.Equal("", Arrivals(cut));
            Assert.Contains(id, Rows(cut)[0].TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Mark_ready_shows_the_ready_chip_and_the_ready_tab_lists_the_row()
    {
        var id = await ApproveNewAsync();
        await using var ctx = await ContextAsync("/pharmacy/queue?sort=newest");
        var cut = ctx.Render<PharmacyQueue>();
        cut.WaitForAssertion(() => Assert.Contains(id, Rows(cut)[0].TextContent, StringComparison.Ordinal));
        Assert.Null(Rows(cut)[0].QuerySelector("[data-testid=queue-ready]"));

        await cut.InvokeAsync(() => cut.Find($"button[aria-label='Mark ready {id}']").Click());

        cut.WaitForAssertion(() =>
        {
            var row = Rows(cut).Single(r => r.TextContent.Contains(id, StringComparison.Ordinal));
            Assert.Equal("Ready", row.QuerySelector("[data-testid=queue-ready]")?.TextContent);
            Assert.Null(row.QuerySelector($"button[aria-label='Mark ready {id}']"));
            Assert.NotNull(row.QuerySelector($"button[aria-label='Verify {id}']"));
        }, TimeSpan.FromSeconds(5));
        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message?.Contains($"{id} is ready for collection", StringComparison.Ordinal) == true);

        await cut.InvokeAsync(() => cut.FindAll("[role=tab]").Single(t => t.TextContent == "Ready").Click());

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("status=ready", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
            var row = Rows(cut).Single(r => r.TextContent.Contains(id, StringComparison.Ordinal));
            Assert.NotNull(row.QuerySelector("[data-testid=queue-ready]"));
            Assert.Empty(cut.FindAll("button[aria-label^='Mark ready ']"));
        });
    }

    [Fact]
    public async Task Newest_first_puts_the_latest_approval_at_the_top_and_is_kept_in_the_address()
    {
        await ApproveNewAsync();
        var latest = await ApproveNewAsync("Warfarin", "1 mg");
        await using var ctx = await ContextAsync("/pharmacy/queue");
        var cut = ctx.Render<PharmacyQueue>();
        cut.WaitForAssertion(() => Assert.True(Rows(cut).Count >= 2));
        Assert.DoesNotContain(latest, Rows(cut)[0].TextContent, StringComparison.Ordinal); // oldest first by default

        await cut.InvokeAsync(() => cut.Find("#queue-sort").Change("newest"));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains(latest, Rows(cut)[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("sort=newest", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        });
    }
}
