using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

public sealed class ApprovalIdempotencyTests
{
    [Fact]
    public async Task Eight_simultaneous_approvals_issue_one_set_of_prescriptions_and_all_report_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21), ("Warfarin", "5 mg", 28), ("Tramadol", "50 mg", 10));
        await core.Get<Triage>().ForwardAsync(await core.ActorAsync(LagosPharmacist), id, None);
        // Only one doctor is seeded: two sessions of the same doctor stand in for two doctors clicking at once.
        var sessions = new[] { await core.ActorAsync(Doctor), await core.ActorAsync(Doctor) };
        var decisions = await ApproveAllAsync(core, id);
        var approvals = core.Get<Approvals>();
        var code = await SigningKit.CodeAsync(core.Services); // one code for all eight: they sign the same request
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await approvals.ApproveAsync(sessions[i % 2], id, decisions, "Repeat", code, None);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results, r => !r.AlreadyDecided);
        Assert.Equal(3, await PrescriptionCountAsync(core, id));
        var winner = results.Single(r => !r.AlreadyDecided).PrescriptionIds;
        Assert.Equal(3, winner.Count);
        Assert.All(results, r => Assert.Equal(winner, r.PrescriptionIds));
        Assert.Equal(winner, (await ViewAsync(core, id)).PrescriptionIds);
    }

    [Fact]
    public async Task A_double_click_on_approve_returns_the_same_prescriptions()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21), ("Warfarin", "5 mg", 28));
        var doctor = await core.ActorAsync(Doctor);
        var decisions = await ApproveAllAsync(core, id);
        var reviews = core.Get<Reviews>();

        var first = await reviews.ApproveAsync(doctor, id, decisions, null, None);
        var second = await reviews.ApproveAsync(doctor, id, decisions, null, None);

        Assert.True(first.Succeeded, first.Message);
        Assert.True(second.Succeeded, second.Message);
        Assert.False(first.AlreadyDecided);
        Assert.True(second.AlreadyDecided);
        Assert.Equal(first.PrescriptionIds, second.PrescriptionIds);
        Assert.Equal(2, await PrescriptionCountAsync(core, id));
    }
}
