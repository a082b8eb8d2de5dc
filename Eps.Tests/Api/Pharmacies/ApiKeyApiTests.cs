using System.Net;
using System.Net.Http.Json;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Pharmacies;

[Collection(ApiCollection.Name)]
public sealed class ApiKeyApiTests(EpsApp app)
{
    private static string Keys(string code) => $"/api/admin/pharmacies/{code}/api-keys/";

    private async Task<(int Id, string Key)> IssueAsync(string code = Scenario.Lagos)
    {
        using var admin = await ApiSession.AsAsync(app, "admin@eps.test");
        var json = await (await admin.PostAsJsonAsync(Keys(code), new { name = "Dispensary till" })).ExpectAsync(HttpStatusCode.Created);
        return (json.GetProperty("id").GetInt32(), json.GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task A_key_is_shown_once_and_stored_only_as_a_hash()
    {
        var (id, key) = await IssueAsync();
        using var admin = await ApiSession.AsAsync(app, "admin@eps.test");

        var list = await (await admin.GetAsync(Keys(Scenario.Lagos))).ExpectAsync(HttpStatusCode.OK);

        var row = list.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetInt32() == id);
        Assert.True(row.GetProperty("active").GetBoolean());
        Assert.False(row.TryGetProperty("key", out _));
        Assert.DoesNotContain(key, list.ToString(), StringComparison.Ordinal);
        await using var db = await app.NewDbAsync();
        var stored = await db.PharmacyApiKeys.SingleAsync(k => k.Id == id);
        Assert.NotEqual(key, stored.Hash);
        Assert.DoesNotContain(stored.Hash, key, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, stored.Hash.Length);
    }

    [Fact]
    public async Task A_key_works_the_pharmacys_queue_verify_and_dispense_and_nothing_else()
    {
        var lagosRx = await Scenario.IssueAsync(app.Services);
        var abujaRx = await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Abuja, patientEmail: "patient2@eps.test");
        var (_, key) = await IssueAsync();
        using var system = ApiSession.WithApiKey(app, key);

        var queue = await (await system.GetAsync("/api/pharmacy/queue?page_size=100")).ExpectAsync(HttpStatusCode.OK);
        var shown = queue.GetProperty("prescriptions").EnumerateArray().Select(p => p.GetProperty("prescription_id").GetString()).ToList();
        Assert.Contains(lagosRx.RxNumber, shown);
        Assert.DoesNotContain(abujaRx.RxNumber, shown);

        var verified = await (await system.PostAsJsonAsync("/api/prescriptions/verify/", new { token = lagosRx.Token, pharmacy_code = Scenario.Lagos }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("valid").GetBoolean());
        await (await system.PostAsJsonAsync(Scenario.DispenseUrl, Scenario.DispenseBody(lagosRx))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.PostAsJsonAsync(Scenario.DispenseUrl, Scenario.DispenseBody(abujaRx, Scenario.Abuja))).StatusCode);

        foreach (var path in new[] { "/api/pharmacy/requests/", "/api/medications/", "/api/provider/prescriptions/", $"/api/prescriptions/{lagosRx.RxNumber}/verification-log/", "/api/drugs/", Keys(Scenario.Lagos) })
        {
            Assert.True((await system.GetAsync(path)).StatusCode == HttpStatusCode.Forbidden, path);
        }

        await using var db = await app.NewDbAsync();
        Assert.NotNull((await db.Prescriptions.SingleAsync(p => p.Id == lagosRx.Id)).DispensedAt);
        Assert.Null((await db.Prescriptions.SingleAsync(p => p.Id == abujaRx.Id)).DispensedAt);
        var attempt = await db.VerificationAttempts.Where(a => a.PrescriptionId == lagosRx.Id).OrderBy(a => a.Id).FirstAsync();
        Assert.StartsWith("api-key:", attempt.AuthenticatedUserId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_or_made_up_key_is_refused_at_once()
    {
        var (id, key) = await IssueAsync();
        using var admin = await ApiSession.AsAsync(app, "admin@eps.test");
        using var system = ApiSession.WithApiKey(app, key);
        await (await system.GetAsync("/api/pharmacy/queue")).ExpectAsync(HttpStatusCode.OK);

        var revoked = await (await admin.PostAsync($"/api/admin/api-keys/{id}/revoke/", null)).ExpectAsync(HttpStatusCode.OK);
        using var twice = await admin.PostAsync($"/api/admin/api-keys/{id}/revoke/", null);
        using var unknown = await admin.PostAsync($"/api/admin/api-keys/{int.MaxValue}/revoke/", null);

        Assert.False(revoked.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/pharmacy/queue")).StatusCode);
        using var madeUp = ApiSession.WithApiKey(app, key[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await madeUp.GetAsync("/api/pharmacy/queue")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_issue_keys_and_a_name_is_required()
    {
        using var admin = await ApiSession.AsAsync(app, "admin@eps.test");
        using var pharmacist = await ApiSession.AsAsync(app, "pharmacist.lagos@eps.test");

        await ProblemAssert.NamesFieldAsync(await admin.PostAsJsonAsync(Keys(Scenario.Lagos), new { name = "" }), "name");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync(Keys("PHB-PH-999999"), new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pharmacist.PostAsJsonAsync(Keys(Scenario.Lagos), new { name = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pharmacist.GetAsync(Keys(Scenario.Lagos))).StatusCode);
    }
}
