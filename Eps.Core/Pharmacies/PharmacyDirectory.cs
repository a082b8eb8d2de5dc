using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Pharmacies;

/// <summary>Finding pharmacies: by name or city for nomination, by code for filters and exports.</summary>
public sealed class PharmacyDirectory(IDbContextFactory<EpsDbContext> dbFactory)
{
    /// <summary>Pharmacies a patient may nominate (deactivated ones are left out) whose name, city or code contains the term.</summary>
    public async Task<IReadOnlyList<Pharmacy>> SearchAsync(string? term, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Pharmacies.AsNoTracking().Where(p => p.DeactivatedAt == null);
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

    /// <summary>All pharmacies, by name, for filters.</summary>
    public async Task<IReadOnlyList<PharmacyOption>> OptionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Pharmacies.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PharmacyOption(p.Id, p.Code, p.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The pharmacy with this code (as printed, any case), or null.</summary>
    public async Task<PharmacyOption?> FindByCodeAsync(string code, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Pharmacies.AsNoTracking().Where(p => p.Code == normalized)
            .Select(p => new PharmacyOption(p.Id, p.Code, p.Name)).FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>A pharmacy as filters, charts and exports name it.</summary>
public sealed record PharmacyOption(int Id, string Code, string Name);
