using System.Net;
using System.Net.Http.Json;
using Eps.Core.Accounts;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Eps.Tests.Api.Prescribing.RequestApi;

namespace Eps.Tests.Api.Prescribing;

/// <summary>
/// The whole journey through the API alone, each party with its own bearer token: request → triage → approval signed
/// with the doctor's authenticator code → the patient's token → verify → dispense (with the ID a controlled drug needs).
/// Its own host, because the doctor here has two-factor authentication switched on.
/// </summary>
public sealed class ApiJourneyTests(EpsApp app) : IClassFixture<EpsApp>
{
    [Fact]
    public async Task A_controlled_prescription_travels_from_request_to_dispense_through_the_api_only()
    {
        var key = await EnableAuthenticatorAsync("doctor@eps.test");
        using var patient = await ApiSession.AsAsync(app, "patient@eps.test");
        using var pharmacist = await ApiSession.AsAsync(app, "pharmacist.lagos@eps.test");

        // The patient finds the medicine and the pharmacy, and asks.
        var drugs = await (await patient.GetAsync("/api/drugs/?search=tram")).ExpectAsync(HttpStatusCode.OK);
        var tramadol = drugs.EnumerateArray().Single(d => d.GetProperty("generic_name").GetString() == "Tramadol");
        var pharmacies = await (await patient.GetAsync("/api/pharmacies/?search=Marina")).ExpectAsync(HttpStatusCode.OK);
        var created = await (await patient.PostAsJsonAsync(Requests, new
        {
            pharmacy_code = pharmacies.EnumerateArray().Single().GetProperty("code").GetString(),
            reason = "Back pain after surgery",
            medications = new[] { new { drug_id = tramadol.GetProperty("id").GetInt32(), strength = "50 mg", quantity = 10 } },
        })).ExpectAsync(HttpStatusCode.Created);
        var reference = created.GetProperty("request_reference").GetString();

        // The pharmacy forwards it.
        var inbox = await (await pharmacist.GetAsync("/api/pharmacy/requests/")).ExpectAsync(HttpStatusCode.OK);
        var request = Array(inbox, "requests").Single(r => r.GetProperty("request_reference").GetString() == reference);
        var id = request.GetProperty("id").GetInt32();
        Assert.True(request.GetProperty("has_controlled").GetBoolean());
        await (await pharmacist.PostAsync($"/api/pharmacy/requests/{id}/forward/", null)).ExpectAsync(HttpStatusCode.OK);

        // The doctor signs in with the second factor and approves, signing with a code.
        var signIn = await ApiSession.RequestTokensAsync(app, "doctor@eps.test");
        await signIn.ExpectAsync(HttpStatusCode.Unauthorized); // the password alone is not enough
        using var doctor = await ApiSession.AsAsync(app, "doctor@eps.test", Totp(key));
        var review = await (await doctor.GetAsync("/api/provider/prescriptions/?status=awaiting_doctor")).ExpectAsync(HttpStatusCode.OK);
        var item = Array(Array(review, "requests").Single(r => r.GetProperty("id").GetInt32() == id), "medications").Single();
        var unsigned = await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{id}/approve/", Approval([item.GetProperty("item_id").GetInt32()]));
        await ProblemAssert.NamesFieldAsync(unsigned, "totp_code");
        var approved = await (await doctor.PostAsJsonAsync($"/api/provider/prescriptions/{id}/approve/",
            Approval([item.GetProperty("item_id").GetInt32()], Totp(key)))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, approved.GetProperty("prescriptions_created").GetInt32());
        var rxNumber = Array(approved, "prescription_ids").Single().GetString();

        // The patient has the token.
        var medications = await (await patient.GetAsync("/api/medications/")).ExpectAsync(HttpStatusCode.OK);
        var rx = Array(medications, "medications").Single(m => m.GetProperty("prescription_id").GetString() == rxNumber);
        Assert.Equal("pending_collection", rx.GetProperty("status").GetString());
        Assert.True(rx.GetProperty("requires_id_verification").GetBoolean());

        // The pharmacy scans it, verifies and dispenses against the patient's ID.
        var verified = await (await pharmacist.PostAsJsonAsync("/api/prescriptions/verify/",
            new { token = rx.GetProperty("qr_data").GetString(), pharmacy_code = Scenario.Lagos })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("valid").GetBoolean());
        var details = verified.GetProperty("details");
        var dispensed = await (await pharmacist.PostAsJsonAsync(Scenario.DispenseUrl, new
        {
            prescription_id = rxNumber, nonce = details.GetProperty("nonce").GetString(), pharmacy_code = Scenario.Lagos,
            pharmacist_name = "Funmilayo Adeyemi", id_document_type = "nin", id_document_number = "12345678901",
        })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(dispensed.GetProperty("success").GetBoolean());

        var after = await (await patient.GetAsync("/api/medications/")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("collected", Array(after, "medications").Single(m => m.GetProperty("prescription_id").GetString() == rxNumber)
            .GetProperty("status").GetString());
    }

    private async Task<string> EnableAuthenticatorAsync(string email)
    {
        app.Start();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private static string Totp(string key) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
}
