using System.Net;
using System.Net.Http.Json;
using System.Text;
using Eps.Core.Prescribing;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Api.Prescribing.RequestApi;

namespace Eps.Tests.Api.Prescribing;

[Collection(ApiCollection.Name)]
public sealed class PatientRequestApiTests(EpsApp app)
{
    [Fact]
    public async Task A_patient_requests_medicines_and_follows_the_request_on_its_timeline()
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");

        var (reference, _) = await SubmitAsync(app, patient);
        var list = await (await patient.GetAsync(Requests)).ExpectAsync(HttpStatusCode.OK);

        var mine = Array(list, "requests").Single(r => r.GetProperty("request_reference").GetString() == reference);
        Assert.Equal("submitted", mine.GetProperty("status").GetString());
        Assert.Equal("Marina Community Pharmacy", mine.GetProperty("pharmacy").GetProperty("name").GetString());
        var item = Array(mine, "medications").Single();
        Assert.Equal("Amoxicillin", item.GetProperty("medication_name").GetString());
        Assert.Equal(21, item.GetProperty("quantity_requested").GetInt32());
        Assert.Equal("Submitted", Array(mine, "timeline").Single().GetProperty("title").GetString());
        Assert.False(mine.TryGetProperty("triage_note", out _));
    }

    [Fact]
    public async Task Without_a_pharmacy_the_request_goes_to_the_patients_nominated_one()
    {
        using var patient = await ApiSession.AsAsync(app, "patient2@eps.test");
        var drug = await DrugIdAsync(app, "Amoxicillin");

        using var response = await patient.PostAsJsonAsync(Requests, new
        {
            reason = "Repeat", medications = new[] { new { drug_id = drug, strength = "500 mg", quantity = 14 } },
        });

        var reference = (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("request_reference").GetString();
        await using var db = await app.NewDbAsync();
        Assert.Equal(Scenario.Abuja, await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Pharmacy.Code).SingleAsync());
    }

    [Theory]
    [InlineData("""{"pharmacy_code":"PHB-PH-100101","reason":"x"}""", "medications")]
    [InlineData("""{"pharmacy_code":"PHB-PH-100101","reason":"x","medications":[{"strength":"500 mg","quantity":1}]}""", "medications[0].drug_id")]
    [InlineData("""{"pharmacy_code":"PHB-PH-100101","reason":"x","medications":[{"drug_id":999999,"strength":"500 mg","quantity":1}]}""", "medications[0].drug_id")]
    [InlineData("""{"pharmacy_code":"PHB-PH-100101","reason":"x","medications":[{"drug_id":"one","strength":"500 mg","quantity":1}]}""", "medications[0].drug_id")]
    [InlineData("""{"pharmacy_code":"PHB-PH-999999","reason":"x","medications":[{"drug_id":1,"strength":"500 mg","quantity":1}]}""", "pharmacy_code")]
    [InlineData("""{"pharmacy_code":"PHB-PH-100101","medications":[{"drug_id":1,"strength":"500 mg","quantity":1}]}""", "reason")]
    [InlineData("""{"pharmacy_code":"PHB-PH-100101","reason":"x","medications":[{"drug_id":1,"strength":"500 mg","quantity":0}]}""", "medications[0].quantity")]
    [InlineData("""{"pharmacy_code":"PHB-PH-100101","reason":"x","medications":[{"drug_id":1,"strength":"500 mg","quantity":1}""", "medications[1]")]
    [InlineData("\"medicines please\"", "body")]
    public async Task Bad_requests_get_400_naming_the_field_and_nothing_is_saved(string json, string field)
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        int before;
        await using (var db = await app.NewDbAsync())
        {
            before = await db.PrescriptionRequests.CountAsync();
        }

        using var response = await patient.PostAsync(Requests, new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
        await using var after = await app.NewDbAsync();
        Assert.Equal(before, await after.PrescriptionRequests.CountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_naming_the_body_not_a_bare_415()
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");

        using var response = await patient.PostAsync(Requests, new StringContent("reason=x&drug_id=1", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ProblemAssert.NamesFieldAsync(response, "body");
    }

    [Fact]
    public async Task A_strength_the_medicine_does_not_come_in_is_refused_by_the_catalogue_rule()
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        var drug = await DrugIdAsync(app, "Amoxicillin");

        using var response = await patient.PostAsJsonAsync(Requests, new
        {
            pharmacy_code = Scenario.Lagos, reason = "x", medications = new[] { new { drug_id = drug, strength = "9000 mg", quantity = 1 } },
        });

        await ProblemAssert.NamesFieldAsync(response, "medications[0].strength");
    }

    [Fact]
    public async Task Only_patients_may_request_and_anonymous_callers_get_401()
    {
        var body = await BodyAsync(app);
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.PostAsJsonAsync(Requests, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiSession.Cookieless(app).PostAsJsonAsync(Requests, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiSession.Cookieless(app).GetAsync("/api/medications/")).StatusCode);
    }

    [Fact]
    public async Task A_patient_never_sees_or_withdraws_another_patients_request()
    {
        using var owner = await ApiSession.AsAsync(app, "patient@eps.test");
        using var stranger = await ApiSession.AsAsync(app, "patient2@eps.test");
        var (reference, id) = await SubmitAsync(app, owner);

        var list = await (await stranger.GetAsync(Requests)).ExpectAsync(HttpStatusCode.OK);
        using var withdraw = await stranger.PostAsync($"{Requests}{reference}/withdraw/", null);

        Assert.DoesNotContain(Array(list, "requests"), r => r.GetProperty("request_reference").GetString() == reference);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        await using var db = await app.NewDbAsync();
        Assert.Equal(RequestStatus.Submitted, await db.PrescriptionRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
    }

    [Fact]
    public async Task A_withdrawn_request_leaves_triage_and_review_and_cannot_be_approved()
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");
        using var pharmacist = await ApiSession.AsAsync(app, "pharmacist.lagos@eps.test");
        var (reference, id) = await SubmitAsync(app, patient);

        var withdrawn = await (await patient.PostAsync($"{Requests}{reference}/withdraw/", null)).ExpectAsync(HttpStatusCode.OK);
        using var again = await patient.PostAsync($"{Requests}{reference}/withdraw/", null);
        using var approve = await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{id}/approve/", Approval(await ItemIdsAsync(app, id)));
        var inbox = await (await pharmacist.GetAsync("/api/pharmacy/requests/")).ExpectAsync(HttpStatusCode.OK);
        var open = await (await doctor.GetAsync("/api/provider/prescriptions/")).ExpectAsync(HttpStatusCode.OK);
        var mine = Array(await (await patient.GetAsync(Requests)).ExpectAsync(HttpStatusCode.OK), "requests")
            .Single(r => r.GetProperty("request_reference").GetString() == reference);

        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.DoesNotContain(Array(inbox, "requests"), r => r.GetProperty("id").GetInt32() == id);
        Assert.DoesNotContain(Array(open, "requests"), r => r.GetProperty("id").GetInt32() == id);
        Assert.Equal("withdrawn", mine.GetProperty("status").GetString());
        Assert.Equal("Withdrawn by the patient", Array(mine, "timeline").Last().GetProperty("title").GetString());
        await using var db = await app.NewDbAsync();
        Assert.False(await db.Prescriptions.AnyAsync(p => p.RequestId == id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Kind == PatientRequests.WithdrawnKind && a.Subject == reference));
    }

    [Fact]
    public async Task A_decided_request_can_no_longer_be_withdrawn()
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");
        var (reference, id) = await SubmitAsync(app, patient);
        await (await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{id}/reject/", new { reason = "See your GP first" }))
            .ExpectAsync(HttpStatusCode.OK);

        using var response = await patient.PostAsync($"{Requests}{reference}/withdraw/", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await using var db = await app.NewDbAsync();
        Assert.Equal(RequestStatus.Rejected, await db.PrescriptionRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
    }

    [Fact]
    public async Task Medications_show_the_patients_own_prescriptions_with_pharmacy_and_a_token_that_verifies()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        using var owner = await ApiSession.AsAsync(app, "patient@eps.test");
        using var stranger = await ApiSession.AsAsync(app, "patient2@eps.test");

        var mine = await (await owner.GetAsync("/api/medications/")).ExpectAsync(HttpStatusCode.OK);
        var theirs = await (await stranger.GetAsync("/api/medications/")).ExpectAsync(HttpStatusCode.OK);

        var row = Array(mine, "medications").Single(m => m.GetProperty("prescription_id").GetString() == rx.RxNumber);
        Assert.Equal("pending_collection", row.GetProperty("status").GetString());
        Assert.Equal(Scenario.Lagos, row.GetProperty("nominated_pharmacy").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("nominated_pharmacy").GetProperty("phone").GetString()));
        Assert.Equal(rx.Token, row.GetProperty("qr_data").GetString());
        Assert.DoesNotContain(Array(theirs, "medications"), m => m.GetProperty("prescription_id").GetString() == rx.RxNumber);

        var verified = await (await ApiSession.Cookieless(app).PostAsJsonAsync("/api/prescriptions/verify/",
            new { token = row.GetProperty("qr_data").GetString(), pharmacy_code = Scenario.Lagos })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_collected_prescription_reads_collected_and_no_longer_hands_out_its_token()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await Scenario.DispenseAsync(await Login.AsAsync(app, "pharmacist.lagos@eps.test"), rx, Scenario.Lagos, "Funmilayo Adeyemi");
        using var owner = await ApiSession.AsAsync(app, "patient@eps.test");

        var mine = await (await owner.GetAsync("/api/medications/")).ExpectAsync(HttpStatusCode.OK);

        var row = Array(mine, "medications").Single(m => m.GetProperty("prescription_id").GetString() == rx.RxNumber);
        Assert.Equal("collected", row.GetProperty("status").GetString());
        Assert.Equal("Marina Community Pharmacy", row.GetProperty("dispensed_by").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("qr_data").ValueKind);
    }
}
