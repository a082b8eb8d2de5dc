using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Dispensing;

[Collection(ApiCollection.Name)]
public sealed class DispenseApiTests(EpsApp app)
{
    private static object Body(Prescription rx, string pharmacy = Scenario.Lagos, IdDocument? id = null) =>
        Scenario.DispenseBody(rx, pharmacy, id: id, notes: "Collected in person");

    [Fact]
    public async Task Anonymous_callers_get_401_problem_details()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var response = await app.NewClient().PostAsJsonAsync(Scenario.DispenseUrl, Body(rx));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_patient_may_not_dispense()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var patient = await Login.AsAsync(app, "patient@eps.test");

        var response = await patient.PostAsJsonAsync(Scenario.DispenseUrl, Body(rx));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_pharmacist_of_another_pharmacy_gets_403_and_nothing_changes()
    {
        var rx = await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Lagos);
        var abuja = await Login.AsAsync(app, "pharmacist.abuja@eps.test");

        var response = await abuja.PostAsJsonAsync(Scenario.DispenseUrl, Body(rx, Scenario.Abuja));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = await app.NewDbAsync();
        Assert.Null((await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).DispensedAt);
        Assert.False(await db.DispenseRecords.AnyAsync(d => d.PrescriptionId == rx.Id));
    }

    [Fact]
    public async Task The_nominated_pharmacist_dispenses_once_then_gets_409_with_who_and_when()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");

        var first = await lagos.PostAsJsonAsync(Scenario.DispenseUrl, Body(rx));
        var second = await lagos.PostAsJsonAsync("/api/prescriptions/dispense", Body(rx));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var ok = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(ok.GetProperty("success").GetBoolean());
        Assert.Equal("Marina Community Pharmacy", ok.GetProperty("details").GetProperty("dispensed_by").GetString());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var conflict = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Prescription already dispensed", conflict.GetProperty("message").GetString());
        Assert.Equal("Funmilayo Adeyemi", conflict.GetProperty("details").GetProperty("pharmacist").GetString());
    }

    [Fact]
    public async Task Hundred_concurrent_dispenses_have_exactly_one_winner_and_one_register_entry()
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Tramadol");
        var counters = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Login.AsAsync(app, "pharmacist.lagos@eps.test")));
        var body = Body(rx, id: new IdDocument("nin", "12345678901"));

        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await counters[i % counters.Length].PostAsJsonAsync(Scenario.DispenseUrl, body);
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(calls);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await using var db = await app.NewDbAsync();
        var entry = Assert.Single(await db.DispenseRecords.Where(d => d.PrescriptionId == rx.Id).ToListAsync());
        Assert.Equal(Eps.Core.Drugs.DrugSchedule.Schedule3, entry.Schedule);
        Assert.Equal("12345678901", entry.IdDocumentNumber);
    }

    [Theory]
    [InlineData(null, null, "id_document_type")]
    [InlineData("nin", "1234", "id_document_number")]
    [InlineData("international_passport", "123456789", "id_document_number")]
    [InlineData("voter_card", "123", "id_document_type")]
    public async Task Controlled_drugs_need_a_valid_id_document(string? type, string? number, string field)
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Morphine sulfate");
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");

        var response = await lagos.PostAsJsonAsync(Scenario.DispenseUrl, Body(rx, id: type is null ? null : new IdDocument(type, number!)));

        await ProblemAssert.NamesFieldAsync(response, field);
        await using var db = await app.NewDbAsync();
        Assert.False(await db.DispenseRecords.AnyAsync(d => d.PrescriptionId == rx.Id));
    }
}
