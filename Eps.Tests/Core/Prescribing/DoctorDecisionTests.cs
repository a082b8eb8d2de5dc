using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

public sealed class DoctorDecisionTests
{
    [Fact]
    public async Task A_doctor_may_approve_a_submitted_request_without_triage()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        core.Time.Advance(TimeSpan.FromHours(1));

        var result = await core.Get<Reviews>().ApproveAsync(await core.ActorAsync(Doctor), id, await ApproveAllAsync(core, id),
            "Completes the course", None);

        Assert.True(result.Succeeded, result.Message);
        Assert.False(result.AlreadyDecided);
        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal("Dr Chinedu Eze", request.ReviewerName);
        Assert.Equal(CoreHarness.StartTime.UtcDateTime.AddHours(1), request.ReviewedAt);
        Assert.Equal("Completes the course", request.ClinicalNotes);
        Assert.Equal(["Submitted", "Approved"], request.Timeline.Select(t => t.Title));
        Assert.Equal(result.PrescriptionIds[0], request.Timeline[1].Detail);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_doctor_approves_a_forwarded_or_escalated_request(bool escalate)
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var triaged = escalate
            ? await core.Get<Triage>().EscalateAsync(pharmacist, id, "Third course this year", None)
            : await core.Get<Triage>().ForwardAsync(pharmacist, id, None);
        Assert.True(triaged.Succeeded, triaged.Message);

        var result = await core.Get<Reviews>().ApproveAsync(await core.ActorAsync(Doctor), id, await ApproveAllAsync(core, id), null, None);

        Assert.True(result.Succeeded, result.Message);
        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal(result.PrescriptionIds, request.PrescriptionIds);
        Assert.Equal(["Submitted", escalate ? "Escalated to a doctor" : "Forwarded to a doctor", "Approved"],
            request.Timeline.Select(t => t.Title));
    }

    [Fact]
    public async Task A_doctor_rejection_needs_a_reason_and_then_closes_the_request()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        await core.Get<Triage>().ForwardAsync(await core.ActorAsync(LagosPharmacist), id, None);
        var doctor = await core.ActorAsync(Doctor);
        var reviews = core.Get<Reviews>();

        var withoutReason = await reviews.RejectAsync(doctor, id, " ", None);
        Assert.False(withoutReason.Succeeded);
        Assert.Contains("reason", withoutReason.Errors.Keys);
        Assert.Equal(RequestStatus.AwaitingDoctor, (await ViewAsync(core, id)).Status);

        var rejected = await reviews.RejectAsync(doctor, id, "Please book a consultation first", None);

        Assert.True(rejected.Succeeded, rejected.Message);
        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal("Dr Chinedu Eze", request.ReviewerName);
        Assert.Equal(["Submitted", "Forwarded to a doctor", "Rejected by the doctor"], request.Timeline.Select(t => t.Title));
        Assert.Equal("Please book a consultation first", request.Timeline[2].Detail);
        Assert.Equal(0, await PrescriptionCountAsync(core, id));
    }

    [Fact]
    public async Task Approving_a_rejected_request_fails_and_issues_nothing()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var doctor = await core.ActorAsync(Doctor);
        var decisions = await ApproveAllAsync(core, id);
        Assert.True((await core.Get<Reviews>().RejectAsync(doctor, id, "Needs a consultation", None)).Succeeded);

        var result = await core.Get<Reviews>().ApproveAsync(doctor, id, decisions, null, None);

        Assert.False(result.Succeeded);
        Assert.True(result.AlreadyDecided);
        Assert.Empty(result.PrescriptionIds);
        Assert.Equal(0, await PrescriptionCountAsync(core, id));
        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.All(request.Items, i => Assert.Null(i.Approved));
    }

    [Fact]
    public async Task A_request_rejected_by_the_pharmacy_cannot_be_approved_by_a_doctor()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        Assert.True((await core.Get<Triage>().RejectAsync(await core.ActorAsync(LagosPharmacist), id, "Not stocked", None)).Succeeded);

        var result = await core.Get<Reviews>().ApproveAsync(await core.ActorAsync(Doctor), id, await ApproveAllAsync(core, id), null, None);

        Assert.False(result.Succeeded);
        Assert.Equal(0, await PrescriptionCountAsync(core, id));
        Assert.Equal(["Submitted", "Rejected by the pharmacy"], (await ViewAsync(core, id)).Timeline.Select(t => t.Title));
    }

    [Fact]
    public async Task An_approved_request_can_be_neither_rejected_nor_triaged()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var doctor = await core.ActorAsync(Doctor);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var approved = await core.Get<Reviews>().ApproveAsync(doctor, id, await ApproveAllAsync(core, id), null, None);
        Assert.True(approved.Succeeded, approved.Message);

        Assert.False((await core.Get<Reviews>().RejectAsync(doctor, id, "Changed my mind", None)).Succeeded);
        Assert.False((await core.Get<Triage>().ForwardAsync(pharmacist, id, None)).Succeeded);
        Assert.False((await core.Get<Triage>().EscalateAsync(pharmacist, id, "Late concern", None)).Succeeded);
        Assert.False((await core.Get<Triage>().RejectAsync(pharmacist, id, "Late concern", None)).Succeeded);

        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Null(request.RejectionReason);
        Assert.Null(request.TriagedAt);
        Assert.Equal(approved.PrescriptionIds, request.PrescriptionIds);
    }

    [Fact]
    public async Task A_rejected_request_cannot_be_rejected_again_or_triaged()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var doctor = await core.ActorAsync(Doctor);
        Assert.True((await core.Get<Reviews>().RejectAsync(doctor, id, "First reason", None)).Succeeded);

        Assert.False((await core.Get<Reviews>().RejectAsync(doctor, id, "Second reason", None)).Succeeded);
        Assert.False((await core.Get<Triage>().ForwardAsync(await core.ActorAsync(LagosPharmacist), id, None)).Succeeded);

        Assert.Equal("First reason", (await ViewAsync(core, id)).RejectionReason);
    }

    [Theory]
    [InlineData(Patient)]
    [InlineData(LagosPharmacist)]
    [InlineData(Admin)]
    public async Task Only_a_doctor_can_approve_or_reject(string email)
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var actor = await core.ActorAsync(email);
        var reviews = core.Get<Reviews>();

        Assert.False((await reviews.ApproveAsync(actor, id, await ApproveAllAsync(core, id), null, None)).Succeeded);
        Assert.False((await reviews.RejectAsync(actor, id, "No", None)).Succeeded);
        Assert.Empty(await reviews.ListAsync(actor, ReviewFilter.Open, null, None));
        Assert.Null(await reviews.GetAsync(actor, id, None));

        Assert.Equal(RequestStatus.Submitted, (await ViewAsync(core, id)).Status);
        Assert.Equal(0, await PrescriptionCountAsync(core, id));
    }
}
