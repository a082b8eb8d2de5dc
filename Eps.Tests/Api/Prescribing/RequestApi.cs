using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Prescribing;

/// <summary>Requests made through the patient API, for the tests that start further along.</summary>
public static class RequestApi
{
    public const string Requests = "/api/prescriptions/requests/";

    public static async Task<int> DrugIdAsync(EpsApp app, string name)
    {
        await using var db = await app.NewDbAsync();
        return await db.Drugs.Where(d => d.GenericName == name).Select(d => d.Id).SingleAsync();
    }

    /// <summary>A request body for one medicine (the first strength the catalogue lists) at <paramref name="pharmacyCode"/>.</summary>
    public static async Task<object> BodyAsync(EpsApp app, string drug = "Amoxicillin", string? pharmacyCode = Scenario.Lagos, int quantity = 21)
    {
        await using var db = await app.NewDbAsync();
        var d = await db.Drugs.SingleAsync(x => x.GenericName == drug);
        return new
        {
            pharmacy_code = pharmacyCode,
            reason = "Repeat for my chest infection",
            medications = new[] { new { drug_id = d.Id, strength = d.StrengthList.First(), quantity, notes = (string?)null } },
        };
    }

    /// <summary>Submits a request as <paramref name="patient"/> and returns its reference and id.</summary>
    public static async Task<(string Reference, int Id)> SubmitAsync(EpsApp app, HttpClient patient, string drug = "Amoxicillin",
        string pharmacyCode = Scenario.Lagos)
    {
        using var response = await patient.PostAsJsonAsync(Requests, await BodyAsync(app, drug, pharmacyCode));
        var json = await response.ExpectAsync(HttpStatusCode.Created);
        var reference = json.GetProperty("request_reference").GetString()!;
        await using var db = await app.NewDbAsync();
        return (reference, await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync());
    }

    /// <summary>The item ids of a request, in order.</summary>
    public static async Task<List<int>> ItemIdsAsync(EpsApp app, int requestId)
    {
        await using var db = await app.NewDbAsync();
        return await db.PrescriptionRequestItems.Where(i => i.RequestId == requestId).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
    }

    public static object Approval(IEnumerable<int> itemIds, string? totp = null) => new
    {
        clinical_notes = "Reviewed",
        totp_code = totp,
        medications = itemIds.Select(id => new
        {
            item_id = id, dosage_instructions = "Take one capsule three times a day", frequency = "Three times daily", quantity = 21,
            refills_allowed = 1,
        }),
    };

    public static IEnumerable<JsonElement> Array(JsonElement json, string property) => json.GetProperty(property).EnumerateArray();
}
