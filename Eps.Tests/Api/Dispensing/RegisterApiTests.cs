using System.Globalization;
using System.Net;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Dispensing;

[Collection(ApiCollection.Name)]
/// <summary>The controlled drugs register's one CSV export, for pharmacists (their own pharmacy) and admins (any or all).</summary>
public sealed class RegisterApiTests(EpsApp app)
{
    private const string Export = "/api/register.csv";

    private static string Day(int offset) => DateTime.UtcNow.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Period => $"from={Day(-1)}&to={Day(1)}";

    [Fact]
    public async Task An_admin_exports_the_register_across_pharmacies_with_prescriber_hpn_id_seen_and_quantity()
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Diazepam", pharmacyCode: Scenario.Abuja, patientEmail: "patient2@eps.test", quantity: 14);
        var abuja = await Login.AsAsync(app, "pharmacist.abuja@eps.test");
        await Scenario.DispenseAsync(abuja, rx, Scenario.Abuja, "Ibrahim Musa", new IdDocument("international_passport", "A12345678"));
        string prescriber;
        await using (var db = await app.NewDbAsync())
        {
            prescriber = await db.DispenseRecords.Where(d => d.PrescriptionId == rx.Id).Select(d => d.PrescriberName).SingleAsync();
        }

        var admin = await Login.AsAsync(app, "admin@eps.test");
        var response = await admin.GetAsync($"{Export}?{Period}");
        var sameCodeAnyCase = await admin.GetStringAsync($"{Export}?{Period}&pharmacy=phb-ph-200202");
        var elsewhere = await admin.GetStringAsync($"{Export}?{Period}&pharmacy={Scenario.Lagos}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("dispensed_at_utc,pharmacy_code,", csv, StringComparison.Ordinal);
        Assert.All(csv.Split("\r\n")[..^1], record => Assert.DoesNotContain('\n', record)); // RFC 4180: CRLF ends each record
        var line = csv.Split('\n').Single(l => l.Contains(rx.RxNumber, StringComparison.Ordinal));
        Assert.Contains($"{Scenario.Abuja},Wuse Central Pharmacy,{rx.RxNumber},Diazepam", line, StringComparison.Ordinal);
        Assert.Contains(",14,3,Tunde Bakare,9876543210,International passport,A12345678,Ibrahim Musa,", line, StringComparison.Ordinal);
        Assert.Contains(prescriber, line, StringComparison.Ordinal);
        Assert.Contains(rx.RxNumber, sameCodeAnyCase, StringComparison.Ordinal);
        Assert.DoesNotContain(rx.RxNumber, elsewhere, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_export_any_pharmacy_and_pharmacists_only_their_own()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync($"{Export}?{Period}")).StatusCode);
        foreach (var email in new[] { "patient@eps.test", "doctor@eps.test" })
        {
            var client = await Login.AsAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Export}?{Period}")).StatusCode);
        }

        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        var own = await lagos.GetAsync($"{Export}?{Period}&pharmacy={Scenario.Lagos}");
        var other = await lagos.GetAsync($"{Export}?{Period}&pharmacy={Scenario.Abuja}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.StartsWith($"controlled-register-{Scenario.Lagos}-", own.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Theory]
    [InlineData("to=2026-11-30", "from")]
    [InlineData("from=yesterday&to=2026-11-30", "from")]
    [InlineData("from=2026-11-30&to=30/11/2026", "to")]
    [InlineData("from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("from=2026-01-01&to=2027-12-31", "to")]
    [InlineData("from=2026-11-01&to=2026-11-30&pharmacy=PHB-PH-999999", "pharmacy")]
    public async Task Bad_parameters_get_400_naming_the_parameter(string query, string field)
    {
        var admin = await Login.AsAsync(app, "admin@eps.test");
        var response = await admin.GetAsync($"{Export}?{query}");

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task The_register_export_lists_controlled_dispenses_of_the_pharmacy_as_csv()
    {
        var rx = await Scenario.IssueAsync(app.Services, drug: "Diazepam");
        var lagos = await Login.AsAsync(app, "pharmacist.lagos@eps.test");
        await Scenario.DispenseAsync(lagos, rx, Scenario.Lagos, "=cmd|' /C calc'!A0", new IdDocument("international_passport", "A12345678"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var csv = await lagos.GetStringAsync($"{Export}?from={today}&to={today}");
        var abuja = await Login.AsAsync(app, "pharmacist.abuja@eps.test");
        var elsewhere = await abuja.GetStringAsync($"{Export}?from={today}&to={today}");

        var line = csv.Split('\n').Single(l => l.Contains(rx.RxNumber, StringComparison.Ordinal));
        Assert.Contains("Diazepam", line, StringComparison.Ordinal);
        Assert.Contains("International passport,A12345678", line, StringComparison.Ordinal);
        Assert.Contains("1234567890", line, StringComparison.Ordinal);
        Assert.Contains("'=cmd", line, StringComparison.Ordinal); // a formula is neutralised for spreadsheets
        Assert.DoesNotContain(rx.RxNumber, elsewhere, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await lagos.GetAsync($"{Export}?from=yesterday&to={today}")).StatusCode);
    }
}
