using System.Net;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Analytics;

[Collection(ApiCollection.Name)]
public sealed class AnalyticsPageTests(EpsApp app)
{
    [Theory]
    [InlineData("admin@eps.test", "/admin/analytics", "Prescriptions issued per day")]
    [InlineData("admin@eps.test", "/admin/compliance", "Controlled drugs compliance")]
    [InlineData("pharmacist.lagos@eps.test", "/pharmacy/analytics", "Prescriptions issued per day")]
    public async Task The_pages_render_with_their_charts_and_tables_for_their_role(string email, string path, string text)
    {
        await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Lagos);
        var client = await Login.AsAsync(app, email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
