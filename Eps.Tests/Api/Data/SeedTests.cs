using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Data;

[Collection(ApiCollection.Name)]
public sealed class SeedTests(EpsApp app)
{
    [Fact]
    public async Task First_run_seeds_three_pharmacies_a_real_catalogue_and_a_user_per_role()
    {
        await using var db = await app.NewDbAsync();

        var cities = await db.Pharmacies.Select(p => p.City).ToListAsync();
        Assert.Equal(["Abuja", "Lagos", "Port Harcourt"], cities.Order());
        Assert.All(await db.Pharmacies.Select(p => p.Code).ToListAsync(), c => Assert.Matches("^PHB-PH-[0-9]{6}$", c));

        var drugs = await db.Drugs.ToListAsync();
        Assert.True(drugs.Count >= 40);
        foreach (var controlled in new[] { "Morphine sulfate", "Pethidine", "Tramadol", "Diazepam", "Codeine phosphate" })
        {
            Assert.True(drugs.Single(d => d.GenericName == controlled).IsControlled, controlled);
        }

        foreach (var highRisk in new[] { "Warfarin", "Methotrexate", "Insulin glargine", "Digoxin", "Lithium carbonate" })
        {
            Assert.Equal(Priority.HighRisk, drugs.Single(d => d.GenericName == highRisk).Priority);
        }

        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        Assert.All(Roles.All, r => Assert.Contains(r, roles));
        Assert.Equal(3, await db.Pharmacists.Select(p => p.PharmacyId).Distinct().CountAsync());
    }
}
