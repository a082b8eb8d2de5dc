using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Pharmacies;

/// <summary>Finding pharmacies by name or city, for nomination.</summary>
public sealed class PharmacyDirectory(IDbContextFactory<EpsDbContext> dbFactory)
{
    public async Task<IReadOnlyList<Pharmacy>> SearchAsync(string? term, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Pharmacies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(term))
        {
            var pattern = SearchPattern.Containing(term);
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
            query = query.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern, SearchPattern.Escape)
                || EF.Functions.Like(p.City.ToLower(), pattern, SearchPattern.Escape) || EF.Functions.Like(p.Code.ToLower(), pattern, SearchPattern.Escape));
#pragma warning restore CA1304, CA1311
        }

        return await query.OrderBy(p => p.City).ThenBy(p => p.Name).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<Pharmacy?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Pharmacies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}
