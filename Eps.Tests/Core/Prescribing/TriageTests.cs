using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

public sealed class TriageTests
{
    [Fact]
    public async Task Forwarding_a_submitted_request_moves_it_from_the_pharmacy_inbox_to_the_doctor()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var triage = core.Get<Triage>();
        Assert.Contains(await triage.InboxAsync(pharmacist, None), r => r.Id == id);
        core.Time.Advance(TimeSpan.FromMinutes(20));

        var result = await triage.ForwardAsync(pharmacist, id, None);

        Assert.True(result.Succeeded, result.Message);
        Assert.DoesNotContain(await triage.InboxAsync(pharmacist, None), r => r.Id == id);
        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.AwaitingDoctor, request.Status);
        Assert.False(request.Escalated);
        Assert.Equal(CoreHarness.StartTime.UtcDateTime.AddMinutes(20), request.TriagedAt);
        Assert.Equal(["Submitted", "Forwarded to a doctor"], request.Timeline.Select(t => t.Title));
        var awaiting = await core.Get<Reviews>().ListAsync(await core.ActorAsync(Doctor), ReviewFilter.AwaitingDoctor, null, None);
        Assert.Contains(awaiting, r => r.Id == id);
    }

    [Fact]
    public async Task Escalating_needs_a_note_and_then_flags_the_request_for_the_doctor()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAsync(core, ("Warfarin", "5 mg", 28));
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var triage = core.Get<Triage>();

        var withoutNote = await triage.EscalateAsync(pharmacist, id, "  ", None);
        Assert.False(withoutNote.Succeeded);
        Assert.Contains("note", withoutNote.Errors.Keys);
        Assert.Equal(RequestStatus.Submitted, (await ViewAsync(core, id)).Status);

        var escalated = await triage.EscalateAsync(pharmacist, id, " Last INR was 4.2 ", None);

        Assert.True(escalated.Succeeded, escalated.Message);
        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.AwaitingDoctor, request.Status);
        Assert.True(request.Escalated);
        Assert.Equal("Last INR was 4.2", request.TriageNote);
        Assert.Equal(("Escalated to a doctor", "Last INR was 4.2"), (request.Timeline[1].Title, request.Timeline[1].Detail));
        var mine = Assert.Single(await core.Get<PatientRequests>().ListAsync(await core.ActorAsync(Patient), None));
        Assert.Equal(("Escalated to a doctor", null), (mine.Timeline[1].Title, mine.Timeline[1].Detail)); // the note is for staff
        Assert.Null(mine.TriageNote);
    }

    [Fact]
    public async Task The_doctor_sees_escalated_requests_first_then_forwarded_then_untriaged()
    {
        await using var core = await CoreHarness.StartAsync();
        var untriaged = await SubmitAsync(core, ("Amoxicillin", "250 mg", 21));
        var forwarded = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21));
        var escalated = await SubmitAsync(core, ("Warfarin", "5 mg", 28));
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        await core.Get<Triage>().ForwardAsync(pharmacist, forwarded, None);
        await core.Get<Triage>().EscalateAsync(pharmacist, escalated, "Check INR", None);

        var open = await core.Get<Reviews>().ListAsync(await core.ActorAsync(Doctor), ReviewFilter.Open, null, None);

        Assert.Equal([escalated, forwarded, untriaged], open.Select(r => r.Id));
    }

    [Fact]
    public async Task A_pharmacist_rejects_with_a_reason_and_the_patient_sees_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var triage = core.Get<Triage>();

        var withoutReason = await triage.RejectAsync(pharmacist, id, "", None);
        Assert.False(withoutReason.Succeeded);
        Assert.Contains("reason", withoutReason.Errors.Keys);
        Assert.Equal(RequestStatus.Submitted, (await ViewAsync(core, id)).Status);

        var rejected = await triage.RejectAsync(pharmacist, id, "Not stocked; choose another pharmacy", None);

        Assert.True(rejected.Succeeded, rejected.Message);
        var mine = Assert.Single(await core.Get<PatientRequests>().ListAsync(await core.ActorAsync(Patient), None));
        Assert.Equal(RequestStatus.Rejected, mine.Status);
        Assert.Equal("Not stocked; choose another pharmacy", mine.RejectionReason);
        Assert.Equal(["Submitted", "Rejected by the pharmacy"], mine.Timeline.Select(t => t.Title));
        Assert.Equal("Not stocked; choose another pharmacy", mine.Timeline[1].Detail);
    }

    [Fact]
    public async Task A_pharmacist_of_another_pharmacy_can_neither_see_nor_triage_the_request()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var abuja = await core.ActorAsync(AbujaPharmacist);
        var triage = core.Get<Triage>();

        Assert.DoesNotContain(await triage.InboxAsync(abuja, None), r => r.Id == id);
        Assert.False((await triage.ForwardAsync(abuja, id, None)).Succeeded);
        Assert.False((await triage.EscalateAsync(abuja, id, "Looks odd", None)).Succeeded);
        Assert.False((await triage.RejectAsync(abuja, id, "Not ours", None)).Succeeded);

        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Null(request.TriagedAt);
        Assert.False(request.Escalated);
        Assert.Null(request.RejectionReason);
    }

    [Fact]
    public async Task Triaging_a_request_twice_fails_the_second_time_and_keeps_the_first_decision()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var triage = core.Get<Triage>();
        Assert.True((await triage.ForwardAsync(pharmacist, id, None)).Succeeded);

        Assert.False((await triage.ForwardAsync(pharmacist, id, None)).Succeeded);
        Assert.False((await triage.EscalateAsync(pharmacist, id, "Second thoughts", None)).Succeeded);
        Assert.False((await triage.RejectAsync(pharmacist, id, "Second thoughts", None)).Succeeded);

        var request = await ViewAsync(core, id);
        Assert.Equal(RequestStatus.AwaitingDoctor, request.Status);
        Assert.False(request.Escalated);
        Assert.Null(request.TriageNote);
        Assert.Null(request.RejectionReason);
    }

    [Fact]
    public async Task Patients_and_doctors_have_no_triage_inbox_and_cannot_triage()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var triage = core.Get<Triage>();

        foreach (var email in new[] { Patient, Doctor })
        {
            var actor = await core.ActorAsync(email);
            Assert.Empty(await triage.InboxAsync(actor, None));
            Assert.False((await triage.ForwardAsync(actor, id, None)).Succeeded);
            Assert.False((await triage.RejectAsync(actor, id, "No", None)).Succeeded);
        }

        Assert.Equal(RequestStatus.Submitted, (await ViewAsync(core, id)).Status);
    }
}
