using System.Net;
using System.Text;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api;

/// <summary>Generated hostile bodies against the public and authenticated write endpoints: never a 5xx or a stack trace.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiApp app)
{
    private static readonly string[] Payloads =
    [
        "' OR 1=1 --", "\"; DROP TABLE Prescriptions; --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}", "../../etc/passwd",
        "\u0000", "\uFEFF", "\uD800", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ω≈ç√∫", "\u202Eevil", "PHB-RX-00000000", "EPS1:", "EPS1:%%%%", "null", "-1", "1e309",
    ];

    /// <summary>Deterministic mix: truncated and invalid JSON, wrong types, huge strings, deep nesting, unicode, injections, forged tokens.</summary>
    private static IEnumerable<string> Bodies(int count, int seed, string[] fields)
    {
        var random = new Random(seed);
        string Value() => random.Next(9) switch
        {
            0 => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => "true",
            2 => "null",
            3 => "[" + string.Join(',', Enumerable.Repeat("1", random.Next(5))) + "]",
            4 => "{\"x\":" + new string('[', random.Next(1, 200)) + new string(']', random.Next(0, 200)) + "}",
            5 => System.Text.Json.JsonSerializer.Serialize(new string('A', random.Next(1, 70_000))),
            6 => System.Text.Json.JsonSerializer.Serialize("EPS1:" + RandomBase45(random, random.Next(1, 400))),
            _ => System.Text.Json.JsonSerializer.Serialize(Payloads[random.Next(Payloads.Length)]),
        };

        for (var i = 0; i < count; i++)
        {
            var body = "{" + string.Join(',', fields.Where(_ => random.Next(3) > 0).Select(f => $"\"{f}\":{Value()}")) + "}";
            yield return random.Next(6) switch
            {
                0 => body[..random.Next(body.Length)],
                1 => body.Replace(':', random.Next(2) == 0 ? ';' : ':'),
                _ => body,
            };
        }
    }

    private static string RandomBase45(Random random, int length)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        return string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string url, string body)
    {
        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {body[..Math.Min(body.Length, 200)]}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
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
        foreach (var body in Bodies(1000, 7, ["token", "payload", "signature", "kid", "pharmacy_code", "pharmacy_name"]))
        {
            var status = await PostAsync(client, "/api/prescriptions/verify/", body);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, status.ToString());
            answered += status == HttpStatusCode.OK ? 1 : 0;
        }

        await using var after = await app.NewDbAsync();
        Assert.True(answered > 100, $"only {answered} bodies reached verification");
        Assert.True(await after.VerificationAttempts.CountAsync() - before >= answered);
    }

    [Fact]
    public async Task A_thousand_hostile_dispense_bodies_change_nothing()
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Pethidine");
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        int dispensed;
        await using (var db = await app.NewDbAsync())
        {
            dispensed = await db.DispenseRecords.CountAsync();
        }

        foreach (var body in Bodies(1000, 11, ["prescription_id", "nonce", "pharmacy_code", "pharmacist_name", "verification_notes", "id_document_type", "id_document_number"]))
        {
            var status = await PostAsync(lagos, "/api/prescriptions/dispense/", body);
            Assert.NotEqual(HttpStatusCode.OK, status);
        }

        await using var after = await app.NewDbAsync();
        Assert.Equal(dispensed, await after.DispenseRecords.CountAsync());
        Assert.Null((await after.Prescriptions.SingleAsync(p => p.Id == rx.Id)).DispensedAt);
    }
}
