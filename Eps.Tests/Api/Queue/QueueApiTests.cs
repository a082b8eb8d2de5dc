using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Queue;

[Collection(ApiCollection.Name)]
public sealed class QueueApiTests(EpsApp app)
{
    [Fact]
    public async Task A_pharmacist_gets_their_own_queue_with_stats_in_the_seed_shape()
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Warfarin", pharmacyCode: Scenario.Lagos);
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        var abuja = await Login.AsAsync(app, "pharmacist.abuja@eps.test");

        var json = await lagos.GetFromJsonAsync<JsonElement>("/api/pharmacy/queue?status=pending&priority=high_risk&page_size=100");
        var other = await abuja.GetFromJsonAsync<JsonElement>("/api/pharmacy/queue?patient_search=Okafor");

        Assert.True(json.GetProperty("success").GetBoolean());
        var item = json.GetProperty("prescriptions").EnumerateArray().Single(p => p.GetProperty("prescription_id").GetString() == rx.RxNumber);
        Assert.Equal("high_risk", item.GetProperty("priority").GetString());
        Assert.True(item.GetProperty("is_high_risk").GetBoolean());
        Assert.Equal("123 456 7890", item.GetProperty("patient_hpn").GetString());
        Assert.True(json.GetProperty("stats").GetProperty("high_risk").GetInt32() >= 1);
        Assert.DoesNotContain(other.GetProperty("prescriptions").EnumerateArray(), p => p.GetProperty("prescription_id").GetString() == rx.RxNumber);
    }

    [Fact]
    public async Task The_stats_count_over_the_whole_filter_priority_and_search_included()
    {
        await Scenario.IssueAsync(app.Services, drug: "Warfarin", pharmacyCode: Scenario.Lagos);
        await Scenario.IssueAsync(app.Services, drug: "Amoxicillin", pharmacyCode: Scenario.Lagos);
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");

        var all = (await lagos.GetFromJsonAsync<JsonElement>("/api/pharmacy/queue")).GetProperty("stats");
        var highRisk = await lagos.GetFromJsonAsync<JsonElement>("/api/pharmacy/queue?priority=high_risk");
        var nobody = await lagos.GetFromJsonAsync<JsonElement>("/api/pharmacy/queue?patient_search=Nobody-Of-That-Name");

        var stats = highRisk.GetProperty("stats");
        Assert.True(all.GetProperty("routine").GetInt32() >= 1);
        Assert.Equal(all.GetProperty("high_risk").GetInt32(), stats.GetProperty("total").GetInt32());
        Assert.Equal(all.GetProperty("high_risk").GetInt32(), stats.GetProperty("high_risk").GetInt32());
        Assert.Equal(0, stats.GetProperty("routine").GetInt32());
        Assert.Equal(0, stats.GetProperty("controlled").GetInt32());
        Assert.Equal(stats.GetProperty("total").GetInt32(), highRisk.GetProperty("count").GetInt32());
        Assert.Equal(0, nobody.GetProperty("stats").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("priority=urgent", "priority")]
    [InlineData("date_range=year", "date_range")]
    [InlineData("page=0", "page")]
    [InlineData("page_size=5000", "page_size")]
    public async Task Bad_filters_get_400_naming_the_parameter(string query, string field)
    {
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        var response = await lagos.GetAsync($"/api/pharmacy/queue?{query}");

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task Only_pharmacists_may_read_a_queue()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/api/pharmacy/queue")).StatusCode);
        var patient = await Login.AsAsync(app, "patient@eps.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await patient.GetAsync("/api/pharmacy/queue")).StatusCode);
    }
}
