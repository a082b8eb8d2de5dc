using Eps.Core.Data;
using Eps.Core.Pharmacies;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Prescribing;

/// <summary>
/// The pharmacies a patient may nominate, for a new request, as their default or as the new home of a pending
/// prescription: the one place that decides, so that a pharmacy closed later is refused everywhere at once.
/// </summary>
public sealed class PharmacyChoice(IDbContextFactory<EpsDbContext> dbFactory, PharmacyDirectory directory)
{
    /// <summary>Pharmacies that accept nominations: every pharmacy not deactivated (as <see cref="PharmacyDirectory.SearchAsync"/> finds them).</summary>
    internal static IQueryable<Pharmacy> Choosable(EpsDbContext db) => db.Pharmacies.AsNoTracking().Where(p => p.DeactivatedAt == null);

    /// <summary>Choosable pharmacies whose name, city or code contains <paramref name="term"/>, by city and name.</summary>
    public Task<IReadOnlyList<Pharmacy>> SearchAsync(string? term, int take, CancellationToken cancellationToken) =>
        directory.SearchAsync(term, Math.Clamp(take, 1, 100), cancellationToken);

    /// <summary>The choosable pharmacy with this id, or null.</summary>
    public async Task<Pharmacy?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Choosable(db).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}
