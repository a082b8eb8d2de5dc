using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Eps.Benchmarks.ScaleOut;

/// <summary>A patient's request for paracetamol at Lagos, open at the doctor's: what an approval needs.</summary>
internal sealed record OpenRequest(int RequestId, int ItemId);

/// <summary>
/// The seed's HTTP API on one instance, addressed directly (as the multi-instance test's <c>ScaleOutApi</c>): the demo
/// patient asks for paracetamol at the Lagos pharmacy, the demo doctor approves it. Signed in once per party.
/// </summary>
internal sealed class DemoApi : IDisposable
{
    public const string Lagos = "PHB-PH-100101";
    private const string Password = "Demo!2026";
    private readonly HttpClient _patient;
    private readonly HttpClient _doctor;
    private int _drugId;

    private DemoApi(HttpClient patient, HttpClient doctor) => (_patient, _doctor) = (patient, doctor);

    public static async Task<DemoApi> SignInAsync(string baseUrl)
    {
        var api = new DemoApi(await AsAsync(baseUrl, "patient@eps.test"), await AsAsync(baseUrl, "doctor@eps.test"));
        var drugs = await ExpectAsync(await api._patient.GetAsync("/api/drugs/?search=Paracetamol"), HttpStatusCode.OK);
        api._drugId = drugs.EnumerateArray().Single(d => d.GetProperty("generic_name").GetString() == "Paracetamol").GetProperty("id").GetInt32();
        return api;
    }

    /// <summary>The patient's request, as the doctor's list shows it: everything up to the approval.</summary>
    public async Task<OpenRequest> RequestAsync(string reason)
    {
        var created = await ExpectAsync(await _patient.PostAsJsonAsync("/api/prescriptions/requests/", new
        {
            pharmacy_code = Lagos, reason,
            medications = new[] { new { drug_id = _drugId, strength = "500 mg", quantity = 32 } },
        }), HttpStatusCode.Created);
        var reference = created.GetProperty("request_reference").GetString();
        var open = await ExpectAsync(await _doctor.GetAsync($"/api/provider/prescriptions/?search={reference}"), HttpStatusCode.OK);
        var request = open.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("request_reference").GetString() == reference);
        return new OpenRequest(request.GetProperty("id").GetInt32(), request.GetProperty("medications").EnumerateArray().Single().GetProperty("item_id").GetInt32());
    }

    /// <summary>The doctor approves: one POST, answered once the prescription is committed. Returns its ID.</summary>
    public async Task<string> ApproveAsync(OpenRequest request)
    {
        var approved = await ExpectAsync(await _doctor.PostAsJsonAsync($"/api/provider/prescriptions/{request.RequestId}/approve/", new
        {
            clinical_notes = "Reviewed",
            medications = new[]
            {
                new { item_id = request.ItemId, approve = true, dosage_instructions = "Two tablets up to four times a day", frequency = "Four times daily", quantity = 32, refills_allowed = 0 },
            },
        }), HttpStatusCode.OK);
        return approved.GetProperty("prescription_ids").EnumerateArray().Single().GetString()!;
    }

    /// <summary>The patient's printed tokens (the QR's text), by prescription ID.</summary>
    public async Task<Dictionary<string, string>> TokensAsync()
    {
        var medications = await ExpectAsync(await _patient.GetAsync("/api/medications/"), HttpStatusCode.OK);
        return medications.GetProperty("medications").EnumerateArray()
            .Where(m => m.TryGetProperty("qr_data", out var qr) && qr.ValueKind == JsonValueKind.String)
            .GroupBy(m => m.GetProperty("prescription_id").GetString()!)
            .ToDictionary(g => g.Key, g => g.First().GetProperty("qr_data").GetString()!);
    }

    private static async Task<HttpClient> AsAsync(string baseUrl, string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var tokens = await ExpectAsync(await client.PostAsJsonAsync("/api/auth/token", new { email, password = Password }), HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        return client;
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == status
                ? JsonSerializer.Deserialize<JsonElement>(text)
                : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        }
    }

    public void Dispose()
    {
        _patient.Dispose();
        _doctor.Dispose();
    }
}
