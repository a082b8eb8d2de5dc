using Eps.Core.Data;
using Eps.Core.Pharmacies;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>
/// The pharmacies a patient may nominate, for a new request, as their default or as the new home of a pending
/// prescription: the one place that decides, so that a pharmacy closed later is refused everywhere at once.
/// </summary>
public sealed class PharmacyChoice(IDbContextFactory<EpsDbContext> dbFactory)
{
    /// <summary>Pharmacies that accept nominations: every pharmacy not deactivated.</summary>
    internal static IQueryable<Pharmacy> Choosable(EpsDbContext db) => db.Pharmacies.AsNoTracking().Where(p => p.DeactivatedAt == null);

    /// <summary>Choosable pharmacies whose name, city or code contains <paramref name="term"/>, by city and name.</summary>
    public async Task<IReadOnlyList<Pharmacy>> SearchAsync(string? term, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Choosable(db);
        if (!string.IsNullOrWhiteSpace(term))
        {
            var pattern = SearchPattern.Containing(term);
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
            query = query.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern, SearchPattern.Escape)
                || EF.Functions.Like(p.City.ToLower(), pattern, SearchPattern.Escape) || EF.Functions.Like(p.Code.ToLower(), pattern, SearchPattern.Escape));
#pragma warning restore CA1304, CA1311
        }

        return await query.OrderBy(p => p.City).ThenBy(p => p.Name).Take(Math.Clamp(take, 1, 100)).ToListAsync(cancellationToken);
    }

    /// <summary>The choosable pharmacy with this id, or null.</summary>
    public async Task<Pharmacy?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Choosable(db).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}
