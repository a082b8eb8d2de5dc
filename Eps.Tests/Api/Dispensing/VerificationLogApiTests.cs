using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Dispensing;

[Collection(ApiCollection.Name)]
public sealed class VerificationLogApiTests(EpsApp app)
{
    [Fact]
    public async Task The_patient_prescriber_and_nominated_pharmacy_see_the_log_others_do_not()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await app.NewClient().PostAsJsonAsync("/api/prescriptions/verify/", new { token = rx.Token, pharmacy_code = Scenario.Lagos });
        var url = $"/api/prescriptions/{rx.RxNumber}/verification-log/";

        foreach (var entitled in new[] { "patient@eps.test", "doctor@eps.test", "pharmacist.lagos@eps.test", "admin@eps.test" })
        {
            var client = await Login.AsAsync(app, entitled);
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{entitled}: {(int)response.StatusCode}");
            var log = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(rx.RxNumber, log.GetProperty("prescription_id").GetString());
            var attempt = log.GetProperty("verification_attempts")[0];
            Assert.True(attempt.GetProperty("success").GetBoolean());
            Assert.Equal("127.0.0.1", attempt.GetProperty("ip_address").GetString());
        }

        foreach (var stranger in new[] { "patient2@eps.test", "pharmacist.abuja@eps.test" })
        {
            var client = await Login.AsAsync(app, stranger);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync(url)).StatusCode);
    }
}
