using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Core.Data;

/// <summary>A search finds the same rows whatever the case typed, on every provider (PostgreSQL compares text case-sensitively).</summary>
public sealed class CaseInsensitiveSearchTests
{
    [Theory]
    [InlineData("amox")]
    [InlineData("AMOX")]
    [InlineData("aMoXiCiLLin")]
    public async Task The_catalogue_finds_a_medicine_in_any_case(string typed)
    {
        await using var core = await CoreHarness.StartAsync();

        var found = await core.Get<Catalogue>().SearchAsync(typed, 10, CancellationToken.None);

        Assert.Equal("Amoxicillin", found[0].GenericName);
    }

    [Theory]
    [InlineData("marina")]
    [InlineData("MARINA")]
    [InlineData("lagos")]
    [InlineData("phb-ph-100101")]
    public async Task The_pharmacy_directory_finds_a_pharmacy_by_name_city_or_code_in_any_case(string typed)
    {
        await using var core = await CoreHarness.StartAsync();

        var found = await core.Get<PharmacyDirectory>().SearchAsync(typed, 10, CancellationToken.None);

        Assert.Contains(found, p => p.Code == Scenario.Lagos);
    }
}
