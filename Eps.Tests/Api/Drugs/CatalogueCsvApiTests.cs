using System.Net;
using Eps.Core.Drugs;
using Eps.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Api.Drugs;

/// <summary>The drug catalogue's CSV export: administrators only; what it writes, an import takes back unchanged.</summary>
[Collection(ApiCollection.Name)]
public sealed class CatalogueCsvApiTests(EpsApp app)
{
    private const string Export = "/api/admin/drugs.csv";

    [Fact]
    public async Task An_admin_downloads_the_catalogue_as_RFC_4180_csv_with_a_header_row()
    {
        var admin = await Login.AsAsync(app, "admin@eps.test");

        var response = await admin.GetAsync(Export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("drug-catalogue-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("generic_name,strengths,form,category,schedule,risk_level,status\r\n", csv, StringComparison.Ordinal);
        Assert.All(csv.Split("\r\n")[..^1], record => Assert.DoesNotContain('\n', record));
        Assert.Contains("\r\nMorphine sulfate,\"10 mg, 30 mg\",Tablet,Opioid analgesic,2,high,active\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_may_export()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync(Export)).StatusCode);
        foreach (var email in new[] { "patient@eps.test", "pharmacist.lagos@eps.test", "doctor@eps.test" })
        {
            var client = await Login.AsAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Export)).StatusCode);
        }
    }

    [Fact]
    public async Task The_downloaded_file_imports_back_without_a_change()
    {
        var admin = await Login.AsAsync(app, "admin@eps.test");
        var csv = await admin.GetStringAsync(Export);
        var actor = await Web.BunitHarness.ActorAsync(app, "admin@eps.test");

        var result = await app.Services.GetRequiredService<CatalogueTransfer>().ImportAsync(actor, csv, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((0, 0), (result.Added, result.Updated));
        Assert.Equal(csv, await admin.GetStringAsync(Export));
    }
}
