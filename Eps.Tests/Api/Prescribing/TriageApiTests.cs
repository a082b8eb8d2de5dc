using System.Net;
using System.Net.Http.Json;
using Eps.Core.Prescribing;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Api.Prescribing.RequestApi;

namespace Eps.Tests.Api.Prescribing;

[Collection(ApiCollection.Name)]
public sealed class TriageApiTests(EpsApp app)
{
    private const string Inbox = "/api/pharmacy/requests/";

    private async Task<RequestStatus> StatusAsync(int id)
    {
        await using var db = await app.NewDbAsync();
        return await db.PrescriptionRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync();
    }

    [Fact]
    public async Task The_inbox_holds_the_pharmacys_own_submitted_requests_only()
    {
        var (_, lagos) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"));
        var (_, abuja) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient2@eps.test"), pharmacyCode: Scenario.Abuja);
        using var pharmacist = await ApiSession.AsAsync(app, "pharmacist.lagos@eps.test");

        var inbox = await (await pharmacist.GetAsync(Inbox)).ExpectAsync(HttpStatusCode.OK);

        var ids = Array(inbox, "requests").Select(r => r.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(lagos, ids);
        Assert.DoesNotContain(abuja, ids);
        Assert.Equal("Adaeze Okafor", Array(inbox, "requests").First(r => r.GetProperty("id").GetInt32() == lagos).GetProperty("patient_name").GetString());
    }

    [Fact]
    public async Task Forward_moves_the_request_to_the_doctor()
    {
        var (_, id) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"));
        using var pharmacist = await ApiSession.AsAsync(app, "pharmacist.lagos@eps.test");

        var json = await (await pharmacist.PostAsync($"{Inbox}{id}/forward/", null)).ExpectAsync(HttpStatusCode.OK);
        using var twice = await pharmacist.PostAsync($"{Inbox}{id}/forward/", null);

        Assert.Equal("awaiting_doctor", json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(RequestStatus.AwaitingDoctor, await StatusAsync(id));
    }

    [Fact]
    public async Task Escalation_needs_a_note_and_keeps_it_for_the_doctor_not_the_patient()
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        var (reference, id) = await SubmitAsync(app, patient);
        using var pharmacist = await ApiSession.AsAsync(app, "pharmacist.lagos@eps.test");
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");

        await ProblemAssert.NamesFieldAsync(await pharmacist.PostAsJsonAsync($"{Inbox}{id}/escalate/", new { note = " " }), "note");
        await (await pharmacist.PostAsJsonAsync($"{Inbox}{id}/escalate/", new { note = "Asked for this twice this week" })).ExpectAsync(HttpStatusCode.OK);

        var review = await (await doctor.GetAsync($"/api/provider/prescriptions/{id}")).ExpectAsync(HttpStatusCode.OK);
        var own = Array(await (await patient.GetAsync(Requests)).ExpectAsync(HttpStatusCode.OK), "requests")
            .Single(r => r.GetProperty("request_reference").GetString() == reference);
        Assert.True(review.GetProperty("request").GetProperty("escalated").GetBoolean());
        Assert.Equal("Asked for this twice this week", review.GetProperty("request").GetProperty("triage_note").GetString());
        Assert.True(own.GetProperty("escalated").GetBoolean());
        Assert.DoesNotContain("twice this week", own.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejection_needs_a_reason_and_the_patient_sees_it()
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        var (reference, id) = await SubmitAsync(app, patient);
        using var pharmacist = await ApiSession.AsAsync(app, "pharmacist.lagos@eps.test");

        await ProblemAssert.NamesFieldAsync(await pharmacist.PostAsJsonAsync($"{Inbox}{id}/reject/", new { reason = "" }), "reason");
        await ProblemAssert.NamesFieldAsync(await pharmacist.PostAsJsonAsync($"{Inbox}{id}/reject/", new { reason = 12 }), "reason");
        await (await pharmacist.PostAsJsonAsync($"{Inbox}{id}/reject/", new { reason = "Out of stock nationally" })).ExpectAsync(HttpStatusCode.OK);

        var own = Array(await (await patient.GetAsync(Requests)).ExpectAsync(HttpStatusCode.OK), "requests")
            .Single(r => r.GetProperty("request_reference").GetString() == reference);
        Assert.Equal("rejected", own.GetProperty("status").GetString());
        Assert.Equal("Out of stock nationally", own.GetProperty("rejection_reason").GetString());
    }

    [Fact]
    public async Task Another_pharmacys_request_cannot_be_triaged_and_stays_as_it_was()
    {
        var (_, id) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"));
        using var abuja = await ApiSession.AsAsync(app, "pharmacist.abuja@eps.test");

        using var forward = await abuja.PostAsync($"{Inbox}{id}/forward/", null);
        using var escalate = await abuja.PostAsJsonAsync($"{Inbox}{id}/escalate/", new { note = "x" });
        using var reject = await abuja.PostAsJsonAsync($"{Inbox}{id}/reject/", new { reason = "x" });

        Assert.Equal(HttpStatusCode.Conflict, forward.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, escalate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
        Assert.Equal(RequestStatus.Submitted, await StatusAsync(id));
    }

    [Fact]
    public async Task Patients_and_doctors_may_not_triage()
    {
        var (_, id) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"));

        foreach (var email in new[] { "patient@eps.test", "doctor@eps.test" })
        {
            using var client = await ApiSession.AsAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Inbox}{id}/forward/", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Inbox)).StatusCode);
        }

        Assert.Equal(RequestStatus.Submitted, await StatusAsync(id));
    }
}
