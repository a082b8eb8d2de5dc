using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Dispensing;

/// <summary>Repeats through the seed's API: the dispense names the repeat it issued, and the old token is refused with it.</summary>
[Collection(ApiCollection.Name)]
public sealed class RepeatApiTests(EpsApp app)
{
    private const string VerifyUrl = "/api/prescriptions/verify/";

    [Fact]
    public async Task Dispensing_an_item_with_repeats_answers_with_the_repeat_whose_token_then_verifies()
    {
        var rx = await Scenario.IssueAsync(app.Services, repeats: 2);
        var desk = await Login.AsAsync(app, "pharmacist.lagos@eps.test");

        using var dispensed = await desk.PostAsJsonAsync(Scenario.DispenseUrl, Scenario.DispenseBody(rx));

        Assert.Equal(HttpStatusCode.OK, dispensed.StatusCode);
        var details = (await dispensed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details");
        var repeatId = details.GetProperty("repeat_issued").GetString();
        Assert.Equal("Repeat 1 of 2", details.GetProperty("repeat").GetString());
        await using var db = await app.NewDbAsync();
        var repeat = await db.Prescriptions.AsNoTracking().SingleAsync(p => p.PreviousPrescriptionId == rx.Id);
        Assert.Equal(repeat.RxNumber, repeatId);

        using var verified = await app.NewClient().PostAsJsonAsync(VerifyUrl, new { token = repeat.Token, pharmacy_code = Scenario.Lagos });
        var body = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("valid").GetBoolean(), body.ToString());
        Assert.Equal(repeat.RxNumber, body.GetProperty("details").GetProperty("prescription_id").GetString());
        Assert.Equal("Repeat 1 of 2", body.GetProperty("details").GetProperty("repeat").GetString());
        Assert.Equal(1, body.GetProperty("details").GetProperty("repeat_number").GetInt32());
        Assert.Equal(2, body.GetProperty("details").GetProperty("repeats_authorised").GetInt32());
    }

    [Fact]
    public async Task The_collected_token_gets_409_naming_its_repeat_at_the_counter_and_only_that_one_exists_anonymously()
    {
        var rx = await Scenario.IssueAsync(app.Services, repeats: 1);
        var desk = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        await Scenario.DispenseAsync(desk, rx, Scenario.Lagos, "Funmilayo Adeyemi");
        await using var db = await app.NewDbAsync();
        var repeat = await db.Prescriptions.Where(p => p.PreviousPrescriptionId == rx.Id).Select(p => p.RxNumber).SingleAsync();

        using var again = await desk.PostAsJsonAsync(Scenario.DispenseUrl, Scenario.DispenseBody(rx));
        using var anonymous = await app.NewClient().PostAsJsonAsync(VerifyUrl, new { token = rx.Token, pharmacy_code = Scenario.Lagos });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var conflict = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"Prescription already dispensed — repeat 1 of 1 was issued as {repeat}", conflict.GetProperty("message").GetString());
        Assert.Equal(repeat, conflict.GetProperty("details").GetProperty("next_prescription_id").GetString());
        var refused = await anonymous.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(refused.GetProperty("valid").GetBoolean());
        Assert.Equal("dispensing_check", refused.GetProperty("details").GetProperty("step_failed").GetString());
        Assert.Equal("Prescription already dispensed — repeat 1 of 1 was issued as a new token", refused.GetProperty("reason").GetString());
        Assert.Equal("Repeat 1 of 1", refused.GetProperty("details").GetProperty("next_repeat").GetString());
        Assert.False(refused.GetProperty("details").TryGetProperty("next_prescription_id", out _));
        Assert.DoesNotContain(repeat, refused.ToString(), StringComparison.Ordinal);
    }
}
