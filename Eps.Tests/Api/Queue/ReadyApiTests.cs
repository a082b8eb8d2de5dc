using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Core.Notifications;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Queue;

[Collection(ApiCollection.Name)]
public sealed class ReadyApiTests(EpsApp app)
{
    private static string ReadyUrl(string rx) => $"/api/pharmacy/prescriptions/{rx}/ready";

    [Fact]
    public async Task The_nominated_pharmacy_marks_a_prescription_ready_once_and_the_queue_shows_it()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        using var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");

        var first = await (await lagos.PostAsync(ReadyUrl(rx.RxNumber), null)).ExpectAsync(HttpStatusCode.OK);
        var again = await (await lagos.PostAsync(ReadyUrl(rx.RxNumber[^8..]), null)).ExpectAsync(HttpStatusCode.OK);

        Assert.True(first.GetProperty("success").GetBoolean());
        Assert.Equal(rx.RxNumber, first.GetProperty("prescription_id").GetString());
        Assert.False(first.GetProperty("already_ready").GetBoolean());
        Assert.True(again.GetProperty("already_ready").GetBoolean());
        Assert.False(again.GetProperty("patient_emailed").GetBoolean());
        // The same stamp, as stored: PostgreSQL keeps microseconds, .NET ticks are a tenth of one.
        Assert.Equal(first.GetProperty("ready_at").GetDateTime(), again.GetProperty("ready_at").GetDateTime(), TimeSpan.FromMilliseconds(1));

        var queue = await lagos.GetFromJsonAsync<JsonElement>("/api/pharmacy/queue?status=ready&page_size=100");
        var row = queue.GetProperty("prescriptions").EnumerateArray().Single(p => p.GetProperty("prescription_id").GetString() == rx.RxNumber);
        Assert.True(row.GetProperty("ready").GetBoolean());
        await using var db = await app.NewDbAsync();
        Assert.NotNull((await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).ReadyAt);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Kind == "prescription-ready" && e.Subject == rx.RxNumber));
    }

    [Fact]
    public async Task A_dispensed_prescription_gets_409_and_stays_unready()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        using var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        await Scenario.DispenseAsync(lagos, rx, Scenario.Lagos, "Funmilayo Adeyemi");

        using var response = await lagos.PostAsync(ReadyUrl(rx.RxNumber), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var db = await app.NewDbAsync();
        Assert.Null((await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).ReadyAt);
    }

    [Fact]
    public async Task Another_pharmacy_gets_403_an_unknown_id_404_and_a_malformed_one_400()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        using var abuja = await Login.AsAsync(app, "pharmacist.abuja@eps.test");
        using var patient = await Login.AsAsync(app, "patient@eps.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await abuja.PostAsync(ReadyUrl(rx.RxNumber), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await patient.PostAsync(ReadyUrl(rx.RxNumber), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().PostAsync(ReadyUrl(rx.RxNumber), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await abuja.PostAsync(ReadyUrl("PHB-RX-00000001"), null)).StatusCode);
        await ProblemAssert.NamesFieldAsync(await abuja.PostAsync(ReadyUrl("PHB-RX-12%20AB"), null), "prescription_id");
        await ProblemAssert.NamesFieldAsync(await abuja.PostAsync(ReadyUrl(new string('9', 300)), null), "prescription_id");

        await using var db = await app.NewDbAsync();
        Assert.Null((await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).ReadyAt);
    }

    [Fact]
    public async Task A_pharmacy_system_key_marks_its_own_pharmacys_prescriptions_ready()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var abujaRx = await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Abuja, patientEmail: "patient2@eps.test");
        using var admin = await ApiSession.AsAsync(app, "admin@eps.test");
        var issued = await (await admin.PostAsJsonAsync($"/api/admin/pharmacies/{Scenario.Lagos}/api-keys/", new { name = "Till" }))
            .ExpectAsync(HttpStatusCode.Created);
        using var system = ApiSession.WithApiKey(app, issued.GetProperty("key").GetString()!);

        await (await system.PostAsync(ReadyUrl(rx.RxNumber), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.PostAsync(ReadyUrl(abujaRx.RxNumber), null)).StatusCode);

        await using var db = await app.NewDbAsync();
        Assert.NotNull((await db.Prescriptions.SingleAsync(p => p.Id == rx.Id)).ReadyAt);
        Assert.True(await db.Outbox.AnyAsync(m => m.Kind == EmailTemplates.PatientReadyKind && m.TextBody.Contains(rx.RxNumber)));
    }
}
