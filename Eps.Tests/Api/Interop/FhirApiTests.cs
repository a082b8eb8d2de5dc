// The SDK's model is nullable throughout; here a missing element fails the test as a null dereference, which reads as clearly.
#nullable disable warnings
using System.Net;
using System.Net.Http.Json;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using static Eps.Tests.Api.Prescribing.RequestApi;

namespace Eps.Tests.Api.Interop;

/// <summary>The FHIR R4 export on a real socket: shapes validated with the SDK, the verification log's access rule, IDOR.</summary>
[Collection(ApiCollection.Name)]
public sealed class FhirApiTests(EpsApp app)
{
    private static string Read(string type, string id) => $"/fhir/{type}/{id}";

    [Fact]
    public async Task A_prescription_reads_as_a_valid_R4_MedicationRequest_with_its_dosing_dates_and_people()
    {
        var rx = await Scenario.IssueAsync(app.Services, quantity: 21, repeats: 2);
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");

        var request = await (await patient.GetAsync(Read("MedicationRequest", rx.RxNumber))).ExpectAsync<MedicationRequest>(HttpStatusCode.OK);

        Assert.Equal(rx.RxNumber, request.Id);
        Assert.Equal(rx.RxNumber, request.Identifier.Single().Value);
        Assert.Equal(MedicationRequest.MedicationrequestStatus.Active, request.Status);
        Assert.Equal(MedicationRequest.MedicationRequestIntent.Order, request.Intent);
        Assert.Equal($"Amoxicillin {rx.Strength}", ((CodeableConcept)request.Medication).Text);
        Assert.Equal("1234567890", request.Subject.Identifier.Value);
        Assert.Equal("Adaeze Okafor", request.Subject.Display);
        Assert.Equal("Dr Chinedu Eze", request.Requester.Display);
        var (issued, expires) = await DatesAsStoredAsync(rx.RxNumber); // PostgreSQL keeps microseconds
        Assert.Equal(new DateTimeOffset(issued, TimeSpan.Zero), request.AuthoredOnElement.ToDateTimeOffset(TimeSpan.Zero));
        var dosage = request.DosageInstruction.Single();
        Assert.Equal("Take one three times a day", dosage.Text);
        Assert.Equal("Three times daily", dosage.Timing.Code.Text);
        Assert.Equal(21m, request.DispenseRequest.Quantity.Value);
        Assert.Equal(2, request.DispenseRequest.NumberOfRepeatsAllowed);
        Assert.Equal(new DateTimeOffset(expires, TimeSpan.Zero), request.DispenseRequest.ValidityPeriod.EndElement.ToDateTimeOffset(TimeSpan.Zero));
        Assert.Equal(Scenario.Lagos, request.DispenseRequest.Performer.Identifier.Value);
        var group = await RequestReferenceAsync(rx.RequestId);
        Assert.Equal(group, request.GroupIdentifier.Value);
    }

    [Fact]
    public async Task The_id_reads_with_or_without_its_prefix_and_the_answer_is_fhir_json()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");

        using var response = await doctor.GetAsync(Read("MedicationRequest", rx.RxNumber["PHB-RX-".Length..]));
        var request = await response.ExpectAsync<MedicationRequest>(HttpStatusCode.OK);

        Assert.Equal(rx.RxNumber, request.Id);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task The_patient_prescriber_nominated_pharmacy_and_admins_read_it_another_patient_or_pharmacy_gets_404()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await Scenario.DispenseAsync(await Login.AsAsync(app, "pharmacist.lagos@eps.test"), rx, Scenario.Lagos, "Funmilayo Adeyemi");
        foreach (var type in new[] { "MedicationRequest", "MedicationDispense" })
        {
            foreach (var entitled in new[] { "patient@eps.test", "doctor@eps.test", "pharmacist.lagos@eps.test", "admin@eps.test" })
            {
                using var client = await Login.AsAsync(app, entitled);
                using var response = await client.GetAsync(Read(type, rx.RxNumber));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type} as {entitled}: {(int)response.StatusCode}");
            }

            foreach (var stranger in new[] { "patient2@eps.test", "pharmacist.abuja@eps.test" })
            {
                using var client = await ApiSession.AsAsync(app, stranger);
                var outcome = await (await client.GetAsync(Read(type, rx.RxNumber))).ExpectAsync<OperationOutcome>(HttpStatusCode.NotFound);
                Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue.Single().Code);
                Assert.DoesNotContain(rx.RxNumber, outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiSession.Cookieless(app).GetAsync(Read(type, rx.RxNumber))).StatusCode);
        }
    }

    [Fact]
    public async Task A_dispense_is_404_until_the_prescription_is_collected_then_a_valid_MedicationDispense()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        var before = await (await patient.GetAsync(Read("MedicationDispense", rx.RxNumber))).ExpectAsync<OperationOutcome>(HttpStatusCode.NotFound);
        Assert.Equal(OperationOutcome.IssueType.NotFound, before.Issue.Single().Code);

        await Scenario.DispenseAsync(await Login.AsAsync(app, "pharmacist.lagos@eps.test"), rx, Scenario.Lagos, "Funmilayo Adeyemi");
        var dispense = await (await patient.GetAsync(Read("MedicationDispense", rx.RxNumber))).ExpectAsync<MedicationDispense>(HttpStatusCode.OK);
        var request = await (await patient.GetAsync(Read("MedicationRequest", rx.RxNumber))).ExpectAsync<MedicationRequest>(HttpStatusCode.OK);

        Assert.Equal(MedicationDispense.MedicationDispenseStatusCodes.Completed, dispense.Status);
        Assert.Equal($"MedicationRequest/{rx.RxNumber}", dispense.AuthorizingPrescription.Single().Reference);
        Assert.Contains(dispense.Performer, p => p.Actor.Display == "Funmilayo Adeyemi");
        Assert.Contains(dispense.Performer, p => p.Actor.Identifier?.Value == Scenario.Lagos && p.Actor.Display == "Marina Community Pharmacy");
        Assert.Equal(21m, dispense.Quantity.Value);
        Assert.Equal("1234567890", dispense.Subject.Identifier.Value);
        Assert.NotNull(dispense.WhenHandedOverElement);
        Assert.True(dispense.WhenHandedOverElement.ToDateTimeOffset(TimeSpan.Zero) >= new DateTimeOffset(rx.IssuedAt, TimeSpan.Zero));
        Assert.Equal(MedicationRequest.MedicationrequestStatus.Completed, request.Status);
    }

    [Fact]
    public async Task A_request_reads_as_a_searchset_Bundle_of_its_prescriptions_with_their_dispenses_on_request()
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        var (reference, id) = await SubmitTwoAsync(patient);
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test");
        var approved = await (await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{id}/approve/", Approval(await ItemIdsAsync(app, id))))
            .ExpectAsync(HttpStatusCode.OK);
        var ids = Array(approved, "prescription_ids").Select(p => p.GetString()!).ToList();
        using var desk = await ApiSession.AsAsync(app, "pharmacist.lagos@eps.test");
        await using (var db = await app.NewDbAsync())
        {
            var first = db.Prescriptions.Single(p => p.RxNumber == ids[0]);
            await Scenario.DispenseAsync(desk, first, Scenario.Lagos, "Funmilayo Adeyemi");
        }

        var search = $"/fhir/MedicationRequest?group-identifier={reference}";
        var plain = await (await patient.GetAsync(search)).ExpectAsync<Bundle>(HttpStatusCode.OK);
        var withDispenses = await (await patient.GetAsync(search + "&_revinclude=MedicationDispense:prescription")).ExpectAsync<Bundle>(HttpStatusCode.OK);

        // The two approved items, and the repeat that collecting the first one issued (approved with one repeat).
        Assert.Equal(Bundle.BundleType.Searchset, plain.Type);
        Assert.Equal(3, plain.Total);
        Assert.Equal(ids, plain.Entry.Take(2).Select(e => e.Resource.Id));
        var repeat = (MedicationRequest)plain.Entry[2].Resource;
        Assert.Equal($"MedicationRequest/{ids[0]}", repeat.PriorPrescription.Reference);
        Assert.Equal(0, repeat.DispenseRequest.NumberOfRepeatsAllowed);
        Assert.All(plain.Entry, e => Assert.Equal(Bundle.SearchEntryMode.Match, e.Search.Mode));
        Assert.All(plain.Entry, e => Assert.Equal(reference, ((MedicationRequest)e.Resource).GroupIdentifier.Value));
        Assert.All(plain.Entry, e => Assert.EndsWith($"/fhir/MedicationRequest/{e.Resource.Id}", e.FullUrl, StringComparison.Ordinal));
        Assert.Equal(3, withDispenses.Total);
        var included = Assert.Single(withDispenses.Entry, e => e.Search.Mode == Bundle.SearchEntryMode.Include);
        Assert.Equal(ids[0], Assert.IsType<MedicationDispense>(included.Resource).Id);

        // Another patient, another pharmacy: an empty searchset, as a FHIR search answers what the caller cannot see.
        foreach (var stranger in new[] { "patient2@eps.test", "pharmacist.abuja@eps.test" })
        {
            using var client = await ApiSession.AsAsync(app, stranger);
            var none = await (await client.GetAsync(search)).ExpectAsync<Bundle>(HttpStatusCode.OK);
            Assert.Equal(0, none.Total);
            Assert.Empty(none.Entry);
        }
    }

    [Theory]
    [InlineData("/fhir/MedicationRequest")]
    [InlineData("/fhir/MedicationRequest?group-identifier=")]
    [InlineData("/fhir/MedicationRequest?group-identifier=REQ-1&group-identifier=REQ-2")]
    [InlineData("/fhir/MedicationRequest?group-identifier=%3Cscript%3E")]
    [InlineData("/fhir/MedicationRequest?group-identifier=REQ-1&_revinclude=Patient:link")]
    public async Task A_search_without_one_well_formed_group_identifier_gets_a_400_OperationOutcome(string url)
    {
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");

        var outcome = await (await patient.GetAsync(url)).ExpectAsync<OperationOutcome>(HttpStatusCode.BadRequest);

        Assert.Equal(OperationOutcome.IssueSeverity.Error, outcome.Issue.Single().Severity);
    }

    [Theory]
    [InlineData("PHB-RX-0000000")]
    [InlineData("not-an-id")]
    [InlineData("PHB-RX-00000000")]
    public async Task Malformed_or_unknown_ids_get_a_404_OperationOutcome(string id)
    {
        using var admin = await ApiSession.AsAsync(app, "admin@eps.test");

        await (await admin.GetAsync(Read("MedicationRequest", id))).ExpectAsync<OperationOutcome>(HttpStatusCode.NotFound);
        await (await admin.GetAsync(Read("MedicationDispense", id))).ExpectAsync<OperationOutcome>(HttpStatusCode.NotFound);
    }

    private async Task<(string Reference, int Id)> SubmitTwoAsync(HttpClient patient)
    {
        var body = new
        {
            pharmacy_code = Scenario.Lagos,
            reason = "My usual medicines",
            medications = new[]
            {
                new { drug_id = await DrugIdAsync(app, "Amoxicillin"), strength = "500 mg", quantity = 21 },
                new { drug_id = await DrugIdAsync(app, "Warfarin"), strength = "1 mg", quantity = 28 },
            },
        };
        var json = await (await patient.PostAsJsonAsync(Requests, body)).ExpectAsync(HttpStatusCode.Created);
        var reference = json.GetProperty("request_reference").GetString()!;
        await using var db = await app.NewDbAsync();
        return (reference, db.PrescriptionRequests.Single(r => r.Reference == reference).Id);
    }

    private async Task<(DateTime Issued, DateTime Expires)> DatesAsStoredAsync(string rxNumber)
    {
        await using var db = await app.NewDbAsync();
        var stored = db.Prescriptions.Where(p => p.RxNumber == rxNumber).Select(p => new { p.IssuedAt, p.ExpiresAt }).Single();
        return (stored.IssuedAt, stored.ExpiresAt);
    }

    private async Task<string> RequestReferenceAsync(int requestId)
    {
        await using var db = await app.NewDbAsync();
        return db.PrescriptionRequests.Single(r => r.Id == requestId).Reference;
    }
}
