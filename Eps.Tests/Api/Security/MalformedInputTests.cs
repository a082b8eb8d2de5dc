using System.Text;
using System.Text.Json;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Security;

[Collection(ApiCollection.Name)]
public sealed class MalformedInputTests(EpsApp app)
{
    public static TheoryData<string, string> BadVerifyBodies => new()
    {
        { "{\"token\": ", "token" },
        { "{\"token\": 42}", "token" },
        { "{\"token\": \"x\", \"pharmacy_code\": [1,2]}", "pharmacy_code" },
        { "[1,2,3]", "body" },
        { "null", "body" },
        { new string('[', 5000) + new string(']', 5000), "body" },
    };

    [Theory]
    [MemberData(nameof(BadVerifyBodies))]
    public async Task Verify_answers_400_naming_the_field(string json, string field)
    {
        var response = await app.NewClient().PostAsync("/api/prescriptions/verify/",
            new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_with_400()
    {
        var huge = JsonSerializer.Serialize(new { token = new string('A', 70 * 1024) });
        var response = await app.NewClient().PostAsync("/api/prescriptions/verify/",
            new StringContent(huge, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, "body");
    }

    [Fact]
    public async Task Non_json_content_is_refused()
    {
        var response = await app.NewClient().PostAsync("/api/prescriptions/verify/", new StringContent("token=abc"));
        await ProblemAssert.NamesFieldAsync(response, "body");
    }

    [Theory]
    [InlineData("{\"prescription_id\": \"PHB-RX-12345678\"}", "nonce")]
    [InlineData("{\"prescription_id\": \"PHB-RX-12345678\", \"nonce\": \"not-a-uuid\", \"pharmacy_code\": \"PHB-PH-100101\"}", "nonce")]
    [InlineData("{\"nonce\": \"1b4e28ba-2fa1-4d2b-883f-0016d3cca427\"}", "prescription_id")]
    [InlineData("{\"prescription_id\": 7}", "prescription_id")]
    public async Task Dispense_answers_400_naming_the_field(string json, string field)
    {
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        var response = await lagos.PostAsync(Scenario.DispenseUrl, new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
    }
}
