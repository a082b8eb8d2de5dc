using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Eps.Core.Tokens;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Api.Dispensing;

[Collection(ApiCollection.Name)]
public sealed class VerifyApiTests(EpsApp app)
{
    private async Task<JsonElement> VerifyAsync(object body, HttpClient? client = null)
    {
        client ??= app.NewClient();
        var response = await client.PostAsJsonAsync("/api/prescriptions/verify/", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_fresh_token_verifies_with_the_seed_response_shape()
    {
        var rx = await Scenario.IssueAsync(app.Services);

        var json = await VerifyAsync(new { token = rx.Token, pharmacy_code = Scenario.Lagos, pharmacy_name = "Marina" });

        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal("Prescription verified successfully", json.GetProperty("reason").GetString());
        var details = json.GetProperty("details");
        Assert.Equal(rx.RxNumber, details.GetProperty("prescription_id").GetString());
        Assert.Equal("Adaeze Okafor", details.GetProperty("patient_name").GetString());
        Assert.Equal("123 456 7890", details.GetProperty("patient_hpn").GetString());
        Assert.Equal("Amoxicillin 250 mg", details.GetProperty("medication").GetString());
        Assert.False(details.GetProperty("dispensed").GetBoolean());
        Assert.Equal("Marina Community Pharmacy", details.GetProperty("nominated_pharmacy").GetString());
        Assert.Equal(rx.Nonce, details.GetProperty("nonce").GetGuid());
    }

    [Fact]
    public async Task Both_paths_with_and_without_trailing_slash_answer()
    {
        var client = app.NewClient();
        var withSlash = await client.PostAsJsonAsync("/api/prescriptions/verify/", new { token = "x" });
        var without = await client.PostAsJsonAsync("/api/prescriptions/verify", new { token = "x" });
        Assert.Equal(HttpStatusCode.OK, withSlash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_reported_as_possible_forgery()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var tampered = rx.Token[..^6] + (rx.Token[^6] == 'A' ? 'B' : 'A') + rx.Token[^5..];

        var json = await VerifyAsync(new { token = tampered, pharmacy_code = Scenario.Lagos });

        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal("signature_verification", json.GetProperty("details").GetProperty("step_failed").GetString());
        Assert.Equal("Invalid signature - possible forgery", json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Garbage_is_a_format_failure_not_an_error()
    {
        var json = await VerifyAsync(new { token = "not a token at all", pharmacy_code = Scenario.Lagos });

        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal("format_validation", json.GetProperty("details").GetProperty("step_failed").GetString());
    }

    [Fact]
    public async Task A_validly_signed_token_for_an_unknown_prescription_fails_lookup()
    {
        var codec = app.Services.GetRequiredService<PrescriptionTokenCodec>();
        var token = codec.Issue(new TokenClaims("PHB-RX-00000001", Nonces.New(), "1234567890", "Amoxicillin 250 mg", 21,
            DateTimeOffset.UtcNow.AddDays(30), Scenario.Lagos));

        var json = await VerifyAsync(new { token });

        Assert.Equal("prescription_lookup", json.GetProperty("details").GetProperty("step_failed").GetString());
    }

    [Fact]
    public async Task A_validly_signed_token_with_another_nonce_fails_the_nonce_check()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var codec = app.Services.GetRequiredService<PrescriptionTokenCodec>();
        var forged = codec.Issue(new TokenClaims(rx.RxNumber, Nonces.New(), "1234567890", rx.MedicationDisplay, rx.Quantity,
            rx.ExpiresAt, Scenario.Lagos));

        var json = await VerifyAsync(new { token = forged });

        Assert.Equal("nonce_verification", json.GetProperty("details").GetProperty("step_failed").GetString());
    }

    [Fact]
    public async Task Cancelled_and_expired_prescriptions_fail_their_steps()
    {
        var cancelled = await Scenario.IssueAsync(app.Services);
        var expired = await Scenario.IssueAsync(app.Services);
        await using (var db = await app.NewDbAsync())
        {
            await db.Prescriptions.Where(p => p.Id == cancelled.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PrescriptionState.Cancelled).SetProperty(p => p.CancelledAt, DateTime.UtcNow));
            await db.Prescriptions.Where(p => p.Id == expired.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        var c = await VerifyAsync(new { token = cancelled.Token });
        var e = await VerifyAsync(new { token = expired.Token });

        Assert.Equal("cancellation_check", c.GetProperty("details").GetProperty("step_failed").GetString());
        Assert.Equal("expiry_check", e.GetProperty("details").GetProperty("step_failed").GetString());
        Assert.StartsWith("Prescription expired on", e.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Presenting_at_another_pharmacy_is_a_warning_not_a_failure()
    {
        var rx = await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Lagos);

        var json = await VerifyAsync(new { token = rx.Token, pharmacy_code = Scenario.Abuja });

        Assert.True(json.GetProperty("valid").GetBoolean());
        var warnings = json.GetProperty("details").GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains(warnings, w => w!.Contains("presented at another pharmacy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_attempt_is_audited_with_the_client_ip_and_claimed_pharmacy()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        await VerifyAsync(new { token = rx.Token, pharmacy_code = Scenario.Abuja, pharmacy_name = "Wuse" });
        await VerifyAsync(new { token = rx.Token[..^3] + "AAA", pharmacy_code = Scenario.Abuja });

        await using var db = await app.NewDbAsync();
        var rows = await db.VerificationAttempts.Where(a => a.PrescriptionId == rx.Id || a.ClaimedRxNumber == rx.RxNumber)
            .OrderBy(a => a.Id).ToListAsync();
        var ok = Assert.Single(rows, r => r.PrescriptionId == rx.Id);
        Assert.True(ok.Success);
        Assert.Equal("127.0.0.1", ok.ClientIp);
        Assert.Equal(Scenario.Abuja, ok.ClaimedPharmacyCode);
        Assert.Equal("Wuse", ok.ClaimedPharmacyName);
        var failures = await db.VerificationAttempts.CountAsync(a => !a.Success && a.StepFailed == "signature_verification");
        Assert.True(failures >= 1);
    }

    [Fact]
    public async Task The_seed_payload_and_hmac_shape_is_accepted_for_hs256_clients()
    {
        var keys = app.Services.GetRequiredService<KeyRing>();
        var codec = app.Services.GetRequiredService<PrescriptionTokenCodec>();
        var rx = await Scenario.IssueAsync(app.Services);
        string signature;
        JsonElement payload = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["type"] = "PHB_PRESCRIPTION", ["id"] = rx.RxNumber, ["nonce"] = rx.Nonce.ToString(), ["hpn"] = "123 456 7890",
            ["medication"] = rx.MedicationDisplay, ["patient"] = "Adaeze Okafor", ["prescriber"] = "Dr Chinedu Eze",
            ["dosage"] = rx.Dosage, ["frequency"] = rx.Frequency,
            ["pharmacy"] = new Dictionary<string, string> { ["name"] = "Marina Community Pharmacy", ["code"] = Scenario.Lagos },
            ["issued"] = rx.IssuedAt.ToString("O"), ["expiry"] = rx.ExpiresAt.ToString("O"),
        });
        lock (keys)
        {
            keys.Rotate(SigningAlgorithm.HS256);
            signature = codec.SignLegacy(payload);
            keys.Rotate(SigningAlgorithm.ES256);
        }

        var ok = await VerifyAsync(new { payload, signature, pharmacy_code = Scenario.Lagos, pharmacy_name = "Marina" });
        var bad = await VerifyAsync(new { payload, signature = new string('0', 64), pharmacy_code = Scenario.Lagos });

        Assert.True(ok.GetProperty("valid").GetBoolean(), ok.ToString());
        Assert.Equal("signature_verification", bad.GetProperty("details").GetProperty("step_failed").GetString());
    }
}
