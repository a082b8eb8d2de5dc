using System.Collections.Concurrent;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

/// <summary>
/// Every step of a request's life is announced on the queue events' transport, to the nominated pharmacy's subscribers
/// (the triage inbox) and to those of every pharmacy (the doctors' review list), with the request reference.
/// </summary>
public sealed class RequestEventTests
{
    [Fact]
    public async Task Submitting_forwarding_and_approving_are_announced_to_the_pharmacy_and_to_every_pharmacys_subscribers()
    {
        await using var core = await CoreHarness.StartAsync();
        var (pharmacy, everywhere) = await SubscribeAsync(core, Scenario.Lagos);

        var id = await SubmitAmoxicillinAsync(core);
        var reference = await ReferenceAsync(core, id);
        Assert.True((await core.Get<Triage>().ForwardAsync(await core.ActorAsync(LagosPharmacist), id, None)).Succeeded);
        var approval = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), id, await ApproveAllAsync(core, id), null, None);
        Assert.True(approval.Succeeded, approval.Message);

        QueueChangeKind[] expected = [QueueChangeKind.RequestSubmitted, QueueChangeKind.RequestForwarded, QueueChangeKind.RequestApproved];
        foreach (var events in new[] { pharmacy, everywhere })
        {
            await WaitForAsync(() => events.Count(e => e.Kind.IsRequest()) >= 3);
            Assert.Equal(expected, events.Where(e => e.Kind.IsRequest()).Select(e => e.Kind));
            Assert.All(events.Where(e => e.Kind.IsRequest()), e => Assert.Equal(reference, e.PrescriptionId));
            Assert.Contains(events, e => e.Kind == QueueChangeKind.Added && e.PrescriptionId == approval.PrescriptionIds[0]);
        }
    }

    [Fact]
    public async Task Rejections_at_triage_and_review_and_a_withdrawal_are_announced_and_a_refused_step_is_not()
    {
        await using var core = await CoreHarness.StartAsync();
        var (pharmacy, _) = await SubscribeAsync(core, Scenario.Lagos);
        var (atTriage, atReview, withdrawn) = (await SubmitAmoxicillinAsync(core), await SubmitAmoxicillinAsync(core), await SubmitAmoxicillinAsync(core));

        Assert.True((await core.Get<Triage>().RejectAsync(await core.ActorAsync(LagosPharmacist), atTriage, "Not stocked", None)).Succeeded);
        Assert.True((await core.Get<Reviews>().RejectAsync(await core.ActorAsync(Doctor), atReview, "See your GP", None)).Succeeded);
        var (result, _) = await core.Get<PatientRequests>().WithdrawAsync(await core.ActorAsync(Patient), await ReferenceAsync(core, withdrawn), None);
        Assert.True(result.Succeeded, result.Message);
        // Refused: the request was decided already, so nothing changed and nothing is announced.
        Assert.False((await core.Get<Triage>().ForwardAsync(await core.ActorAsync(LagosPharmacist), atTriage, None)).Succeeded);

        await WaitForAsync(() => pharmacy.Count >= 6);
        await Task.Delay(200);
        var kinds = pharmacy.Select(e => (e.Kind, e.PrescriptionId)).ToList();
        Assert.Equal(3, kinds.Count(k => k.Kind == QueueChangeKind.RequestSubmitted));
        Assert.Contains((QueueChangeKind.RequestRejected, await ReferenceAsync(core, atTriage)), kinds);
        Assert.Contains((QueueChangeKind.RequestRejected, await ReferenceAsync(core, atReview)), kinds);
        Assert.Contains((QueueChangeKind.RequestWithdrawn, await ReferenceAsync(core, withdrawn)), kinds);
        Assert.DoesNotContain(kinds, k => k.Kind == QueueChangeKind.RequestForwarded);
    }

    [Fact]
    public async Task Another_pharmacys_subscribers_hear_nothing_of_these_requests()
    {
        await using var core = await CoreHarness.StartAsync();
        var (abuja, _) = await SubscribeAsync(core, Scenario.Abuja);
        var (lagos, _) = await SubscribeAsync(core, Scenario.Lagos);

        await SubmitAmoxicillinAsync(core);

        await WaitForAsync(() => !lagos.IsEmpty);
        await Task.Delay(200);
        Assert.Empty(abuja);
    }

    /// <summary>Collects the events of one pharmacy and of all pharmacies, subscribed for the rest of the test.</summary>
    private static async Task<(ConcurrentQueue<QueueChanged> Pharmacy, ConcurrentQueue<QueueChanged> Everywhere)> SubscribeAsync(
        CoreHarness core, string code)
    {
        var (pharmacy, everywhere) = (new ConcurrentQueue<QueueChanged>(), new ConcurrentQueue<QueueChanged>());
        var events = core.Get<IQueueEvents>();
        events.Subscribe(await PharmacyIdAsync(core, code), c => Collect(pharmacy, c));
        events.Subscribe(IQueueEvents.AllPharmacies, c => Collect(everywhere, c));
        return (pharmacy, everywhere);
    }

    private static async Task<string> ReferenceAsync(CoreHarness core, int requestId)
    {
        await using var db = await core.DbAsync();
        return db.PrescriptionRequests.Where(r => r.Id == requestId).Select(r => r.Reference).Single();
    }

    private static Task Collect(ConcurrentQueue<QueueChanged> events, QueueChanged change)
    {
        events.Enqueue(change);
        return Task.CompletedTask;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The events did not arrive within 10 s.");
            await Task.Delay(20);
        }
    }
}
