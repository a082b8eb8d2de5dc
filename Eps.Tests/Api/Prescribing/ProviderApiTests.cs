using System.Net;
using System.Net.Http.Json;
using Eps.Core.Prescribing;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Api.Prescribing.RequestApi;

namespace Eps.Tests.Api.Prescribing;

[Collection(ApiCollection.Name)]
public sealed class ProviderApiTests(EpsApp app)
{
    private static string Approve(int id) => $"/api/provider/prescriptions/{id}/approve/";

    [Fact]
    public async Task Approval_answers_the_seeds_shape_and_issues_one_signed_prescription_per_item_with_the_doctors_dosing()
    {
        var (reference, id) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"));
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");

        var open = await (await doctor.GetAsync("/api/provider/prescriptions/?status=submitted")).ExpectAsync(HttpStatusCode.OK);
        var items = Array(Array(open, "requests").Single(r => r.GetProperty("id").GetInt32() == id), "medications")
            .Select(i => i.GetProperty("item_id").GetInt32()).ToList();
        var json = await (await doctor.PostAsJsonAsync(Approve(id), Approval(items))).ExpectAsync(HttpStatusCode.OK);
        var again = await (await doctor.PostAsJsonAsync(Approve(id), Approval(items))).ExpectAsync(HttpStatusCode.OK);

        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal(reference, json.GetProperty("request_reference").GetString());
        Assert.Equal(1, json.GetProperty("prescriptions_created").GetInt32());
        var rxNumber = Array(json, "prescription_ids").Single().GetString()!;
        Assert.StartsWith("PHB-RX-", rxNumber, StringComparison.Ordinal);
        Assert.Equal(rxNumber, Array(again, "prescription_ids").Single().GetString()); // a double submit issues nothing more
        await using var db = await app.NewDbAsync();
        var rx = await db.Prescriptions.SingleAsync(p => p.RequestId == id);
        Assert.Equal(("Take one capsule three times a day", "Three times daily", 21, 1), (rx.Dosage, rx.Frequency, rx.Quantity, rx.Refills));
        Assert.False(string.IsNullOrEmpty(rx.Token));
    }

    [Fact]
    public async Task Missing_dosing_and_unknown_items_get_400_naming_the_item_field_and_nothing_is_issued()
    {
        var (_, id) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"));
        var item = (await ItemIdsAsync(app, id)).Single();
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");

        await ProblemAssert.NamesFieldAsync(await doctor.PostAsJsonAsync(Approve(id),
            new { medications = new[] { new { item_id = item, frequency = "Daily", quantity = 7 } } }), "medications[0].dosage_instructions");
        await ProblemAssert.NamesFieldAsync(await doctor.PostAsJsonAsync(Approve(id),
            new { medications = new[] { new { item_id = item, dosage_instructions = "One", frequency = "Daily", quantity = 7, refills_allowed = 99 } } }),
            "medications[0].refills_allowed");
        await ProblemAssert.NamesFieldAsync(await doctor.PostAsJsonAsync(Approve(id), Approval([item + 100_000])), "medications[0].item_id");
        await ProblemAssert.NamesFieldAsync(await doctor.PostAsJsonAsync(Approve(id), new { medications = System.Array.Empty<object>() }), "medications");

        await using var db = await app.NewDbAsync();
        Assert.False(await db.Prescriptions.AnyAsync(p => p.RequestId == id));
        Assert.Equal(RequestStatus.Submitted, await db.PrescriptionRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
    }

    [Fact]
    public async Task A_controlled_item_without_an_authenticator_code_is_refused_naming_totp_code()
    {
        var (_, id) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"), drug: "Tramadol");
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");

        await ProblemAssert.NamesFieldAsync(await doctor.PostAsJsonAsync(Approve(id), Approval(await ItemIdsAsync(app, id))), "totp_code");

        await using var db = await app.NewDbAsync();
        Assert.False(await db.Prescriptions.AnyAsync(p => p.RequestId == id));
    }

    [Fact]
    public async Task Unknown_requests_are_404_and_other_roles_are_403()
    {
        var (_, id) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"));
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");
        var body = Approval(await ItemIdsAsync(app, id));

        Assert.Equal(HttpStatusCode.NotFound, (await doctor.PostAsJsonAsync(Approve(int.MaxValue), body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await doctor.GetAsync($"/api/provider/prescriptions/{int.MaxValue}")).StatusCode);
        foreach (var email in new[] { "patient@eps.test", "pharmacist.lagos@eps.test", "admin@eps.test" })
        {
            using var client = await ApiSession.AsAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Approve(id), body)).StatusCode);
        }

        await using var db = await app.NewDbAsync();
        Assert.False(await db.Prescriptions.AnyAsync(p => p.RequestId == id));
    }

    [Fact]
    public async Task The_doctor_rejects_with_a_reason()
    {
        var (_, id) = await SubmitAsync(app, await ApiSession.AsAsync(app, "patient@eps.test"));
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");

        await ProblemAssert.NamesFieldAsync(await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{id}/reject/", new { }), "reason");
        await (await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{id}/reject/", new { reason = "Needs a consultation" }))
            .ExpectAsync(HttpStatusCode.OK);
        using var twice = await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{id}/reject/", new { reason = "Again" });

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        await using var db = await app.NewDbAsync();
        Assert.Equal("Needs a consultation", await db.PrescriptionRequests.Where(r => r.Id == id).Select(r => r.RejectionReason).SingleAsync());
    }

    [Fact]
    public async Task The_prescriber_cancels_an_undispensed_prescription_once_and_it_no_longer_verifies()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");
        var url = $"/api/provider/medications/{rx.RxNumber}/cancel/";

        await ProblemAssert.NamesFieldAsync(await doctor.PostAsJsonAsync(url, new { reason = "" }), "reason");
        var issued = await (await doctor.GetAsync("/api/provider/medications/")).ExpectAsync(HttpStatusCode.OK);
        var json = await (await doctor.PostAsJsonAsync(url, new { reason = "Wrong strength" })).ExpectAsync(HttpStatusCode.OK);
        using var twice = await doctor.PostAsJsonAsync(url, new { reason = "Again" });
        var verify = await (await ApiSession.Cookieless(app).PostAsJsonAsync("/api/prescriptions/verify/", new { token = rx.Token }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Contains(Array(issued, "medications"), m => m.GetProperty("prescription_id").GetString() == rx.RxNumber);
        Assert.Equal("cancelled", json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.False(verify.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_patient_cannot_cancel_and_an_unknown_status_filter_is_400()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await patient.PostAsJsonAsync($"/api/provider/medications/{rx.RxNumber}/cancel/", new { reason = "x" })).StatusCode);
        await ProblemAssert.NamesFieldAsync(await doctor.GetAsync("/api/provider/prescriptions/?status=everything"), "status");
        await using var db = await app.NewDbAsync();
        Assert.Equal(PrescriptionState.PendingCollection, (await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).Status);
    }
}
