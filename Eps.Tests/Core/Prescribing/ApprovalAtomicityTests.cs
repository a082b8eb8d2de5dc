using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Tokens;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

public sealed class ApprovalAtomicityTests
{
    // Long enough that "name + strength" no longer fits a version 12 QR: the codec throws while the second item is issued,
    // after the first item's prescription has been added to the transaction.
    private static readonly string LongName = "Hydroxychloroquine " + new string('x', 96);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failure_midway_through_approval_leaves_nothing_behind(bool forwardedFirst)
    {
        await using var core = await CoreHarness.StartAsync();
        await AddLongNamedDrugAsync(core);
        var id = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21), (LongName, "200 mg", 30));
        if (forwardedFirst)
        {
            Assert.True((await core.Get<Triage>().ForwardAsync(await core.ActorAsync(LagosPharmacist), id, None)).Succeeded);
        }

        var before = await ViewAsync(core, id);

        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), id, await ApproveAllAsync(core, id),
            "Both repeats", None);

        Assert.False(result.Succeeded);
        Assert.False(result.AlreadyDecided);
        Assert.Empty(result.PrescriptionIds);
        Assert.Contains("nothing was saved", result.Message, StringComparison.Ordinal);
        await using var db = await core.DbAsync();
        Assert.Equal(0, await db.Prescriptions.CountAsync());
        var after = await ViewAsync(core, id);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(forwardedFirst ? RequestStatus.AwaitingDoctor : RequestStatus.Submitted, after.Status);
        Assert.Null(after.ReviewedAt);
        Assert.Null(after.ReviewerName);
        Assert.Null(after.ClinicalNotes);
        Assert.All(after.Items, i => Assert.Null(i.Approved));
        Assert.All(after.Items, i => Assert.Null(i.ApprovedQuantity));
        Assert.Empty(after.PrescriptionIds);
        Assert.Equal(before.Timeline.Select(t => t.Title), after.Timeline.Select(t => t.Title));
    }

    [Fact]
    public async Task After_a_failed_approval_the_doctor_can_still_approve_what_fits()
    {
        await using var core = await CoreHarness.StartAsync();
        await AddLongNamedDrugAsync(core);
        var id = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21), (LongName, "200 mg", 30));
        var doctor = await core.ActorAsync(Doctor);
        var all = await ApproveAllAsync(core, id);
        Assert.False((await core.Get<Approvals>().ApproveAsync(doctor, id, all, null, None)).Succeeded);

        var retry = await core.Get<Approvals>().ApproveAsync(doctor, id, [all[0], all[1] with { Approve = false }], null, None);

        Assert.True(retry.Succeeded, retry.Message);
        Assert.False(retry.AlreadyDecided);
        Assert.Equal(1, await PrescriptionCountAsync(core, id));
        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal([true, false], request.Items.Select(i => i.Approved));
    }

    [Fact]
    public async Task The_long_named_medicine_really_does_not_fit_a_token()
    {
        await using var core = await CoreHarness.StartAsync();
        var claims = new TokenClaims("PHB-RX-12345678", Nonces.New(), "1234567890", LongName + " 200 mg", 30,
            CoreHarness.StartTime.AddDays(30), Scenario.Lagos);

        Assert.Throws<ArgumentException>(() => core.Get<PrescriptionTokenCodec>().Issue(claims));
    }

    private static async Task AddLongNamedDrugAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        db.Drugs.Add(new Drug
        {
            GenericName = LongName, Strengths = "200 mg, 400 mg", Form = "Tablet", Category = "Antimalarial",
            Schedule = DrugSchedule.None, RiskLevel = RiskLevel.Moderate,
        });
        await db.SaveChangesAsync();
    }
}
