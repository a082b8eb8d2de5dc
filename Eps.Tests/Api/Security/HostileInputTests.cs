using System.Net;
using System.Text;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Security;

/// <summary>Generated hostile bodies against the public and authenticated write endpoints: never a 5xx or a stack trace.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(EpsApp app)
{
    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string url, string body)
    {
        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(Fuzz.Problem(response.StatusCode, text) is null, $"{(int)response.StatusCode} for {body[..Math.Min(body.Length, 200)]}");
        return response.StatusCode;
    }

    [Fact]
    public async Task A_thousand_hostile_verify_bodies_get_answers_never_errors_and_every_read_attempt_is_audited()
    {
        var client = app.NewClient();
        int before;
        await using (var db = await app.NewDbAsync())
        {
            before = await db.VerificationAttempts.CountAsync();
        }

        var answered = 0;
        foreach (var body in new HostileInput(7).JsonBodies(1000, ["token", "payload", "signature", "kid", "pharmacy_code", "pharmacy_name"]))
        {
            var status = await PostAsync(client, "/api/prescriptions/verify/", body);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, status.ToString());
            answered += status == HttpStatusCode.OK ? 1 : 0;
        }

        await using var after = await app.NewDbAsync();
        Assert.True(answered > 100, $"only {answered} bodies reached verification");
        // One attempt per body that reached verification; none for a body refused at the door.
        Assert.Equal(answered, await after.VerificationAttempts.CountAsync() - before);
    }

    [Fact]
    public async Task A_thousand_hostile_dispense_bodies_change_nothing()
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Pethidine");
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        var before = await DbFingerprint.TakeAsync(app);
        int emails;
        await using (var db = await app.NewDbAsync())
        {
            emails = await db.Outbox.CountAsync();
        }

        foreach (var body in new HostileInput(11).JsonBodies(1000, ["prescription_id", "nonce", "pharmacy_code", "pharmacist_name", "verification_notes", "id_document_type", "id_document_number"]))
        {
            var status = await PostAsync(lagos, Scenario.DispenseUrl, body);
            Assert.NotEqual(HttpStatusCode.OK, status);
        }

        // Dispense attempts that reach the service are audited; nothing else may change. Background delivery may mark
        // earlier tests' emails sent, but no email may be added.
        Assert.Empty(DbFingerprint.Changed(before, await DbFingerprint.TakeAsync(app), ["AuditEntries", "AuditHead", "Outbox"]));
        await using var after = await app.NewDbAsync();
        Assert.Equal(emails, await after.Outbox.CountAsync());
        Assert.Null((await after.Prescriptions.SingleAsync(p => p.Id == rx.Id)).DispensedAt);
    }
}
