using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.E2E.Infrastructure;

namespace Eps.E2E.ScaleOut;

/// <summary>
/// The seed's HTTP API on one instance, addressed directly (not through the proxy), each party with a bearer token: a
/// change made here is made on that instance, whichever instance the browser's pages are on.
/// </summary>
public sealed class ScaleOutApi(string baseUrl)
{
    public const string Lagos = "PHB-PH-100101";

    /// <summary>The demo patient asks for paracetamol at Lagos and the demo doctor approves it; returns the prescription ID.</summary>
    public async Task<string> IssueAsync(string reason)
    {
        using var patient = await AsAsync("patient@eps.test");
        using var doctor = await AsAsync("doctor@eps.test");
        var drugs = await ExpectAsync(await patient.GetAsync("/api/drugs/?search=Paracetamol"), HttpStatusCode.OK);
        var drugId = drugs.EnumerateArray().Single(d => d.GetProperty("generic_name").GetString() == "Paracetamol").GetProperty("id").GetInt32();
        var created = await ExpectAsync(await patient.PostAsJsonAsync("/api/prescriptions/requests/", new
        {
            pharmacy_code = Lagos, reason,
            medications = new[] { new { drug_id = drugId, strength = "500 mg", quantity = 32 } },
        }), HttpStatusCode.Created);
        var reference = created.GetProperty("request_reference").GetString();

        var open = await ExpectAsync(await doctor.GetAsync($"/api/provider/prescriptions/?search={reference}"), HttpStatusCode.OK);
        var request = open.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("request_reference").GetString() == reference);
        var item = request.GetProperty("medications").EnumerateArray().Single().GetProperty("item_id").GetInt32();
        var approved = await ExpectAsync(await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{request.GetProperty("id").GetInt32()}/approve/", new
        {
            clinical_notes = "Reviewed",
            medications = new[]
            {
                new { item_id = item, approve = true, dosage_instructions = "Two tablets up to four times a day", frequency = "Four times daily", quantity = 32, refills_allowed = 0 },
            },
        }), HttpStatusCode.OK);
        return approved.GetProperty("prescription_ids").EnumerateArray().Single().GetString()!;
    }

    /// <summary>The patient's printed token (the QR's text) for a prescription.</summary>
    public async Task<string> TokenAsync(string rxNumber)
    {
        using var patient = await AsAsync("patient@eps.test");
        var medications = await ExpectAsync(await patient.GetAsync("/api/medications/"), HttpStatusCode.OK);
        return medications.GetProperty("medications").EnumerateArray()
            .Single(m => m.GetProperty("prescription_id").GetString() == rxNumber).GetProperty("qr_data").GetString()!;
    }

    /// <summary>Verifies a token at the counter (anonymous, as a scanner would).</summary>
    public async Task<JsonElement> VerifyAsync(string token)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        return await ExpectAsync(await client.PostAsJsonAsync("/api/prescriptions/verify/", new { token, pharmacy_code = Lagos }), HttpStatusCode.OK);
    }

    /// <summary>
    /// The Lagos pharmacist dispenses the prescription on this instance, with the nonce a verification on
    /// <paramref name="verifiedOn"/> returned (the counter's scanner may have reached either instance).
    /// </summary>
    public async Task DispenseAsync(string rxNumber, ScaleOutApi verifiedOn)
    {
        var verified = await verifiedOn.VerifyAsync(await TokenAsync(rxNumber));
        Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
        using var pharmacist = await AsAsync("pharmacist.lagos@eps.test");
        var dispensed = await ExpectAsync(await pharmacist.PostAsJsonAsync("/api/prescriptions/dispense/", new
        {
            prescription_id = rxNumber, nonce = verified.GetProperty("details").GetProperty("nonce").GetString(), pharmacy_code = Lagos,
            pharmacist_name = "Funmilayo Adeyemi",
        }), HttpStatusCode.OK);
        Assert.True(dispensed.GetProperty("success").GetBoolean(), dispensed.ToString());
    }

    public async Task<HttpClient> AsAsync(string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var tokens = await ExpectAsync(await client.PostAsJsonAsync("/api/auth/token", new { email, password = SignInPage.DemoPassword }), HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        return client;
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
            return JsonSerializer.Deserialize<JsonElement>(text);
        }
    }
}
