using System.Net;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Web.Audit;

/// <summary>GET /api/audit.csv: the admin's export of the audit browser's selection.</summary>
public sealed class AuditCsvEndpointTests(EpsApp app) : IClassFixture<EpsApp>
{
    [Fact]
    public async Task An_admin_downloads_crlf_csv_of_the_filtered_entries()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        int abuja;
        await using (var db = await app.NewDbAsync())
        {
            abuja = await db.Pharmacies.Where(p => p.Code == Scenario.Abuja).Select(p => p.Id).SingleAsync();
        }

        var moved = await app.Services.GetRequiredService<Nominations>()
            .MoveAsync(await BunitHarness.ActorAsync(app, "patient@eps.test"), rx.RxNumber, abuja, CancellationToken.None);
        Assert.True(moved.Succeeded, moved.Message);
        using var admin = await Login.AsAsync(app, "admin@eps.test");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await admin.GetAsync($"/api/audit.csv?from={today}&to={today}&kind=prescription_moved");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("sequence,at_utc,kind,", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var entry = Assert.Single(lines.Skip(1));
        Assert.Contains($",prescription_moved,", entry, StringComparison.Ordinal);
        Assert.Contains($",Adaeze Okafor,patient@eps.test,{rx.RxNumber},", entry, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "from")]
    [InlineData("?from=2026-11-01", "to")]
    [InlineData("?from=2026-11-01&to=2026-11-30&kind=%27%3B--", "kind")]
    [InlineData("?from=2026-11-01&to=2026-11-30&actor=a%00b", "actor")]
    public async Task Bad_query_values_get_a_problem_naming_the_field(string query, string field)
    {
        using var admin = await Login.AsAsync(app, "admin@eps.test");

        using var response = await admin.GetAsync("/api/audit.csv" + query);

        await ProblemAssert.NamesFieldAsync(response, field);
    }
}
