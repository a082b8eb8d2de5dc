using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Drugs;

/// <summary>Read access to the drug catalogue for pickers and lists.</summary>
public sealed class Catalogue(IDbContextFactory<EpsDbContext> dbFactory)
{
    /// <summary>Requestable medicines (retired ones are left out) whose generic name contains the term (starts-with matches first).</summary>
    public async Task<IReadOnlyList<Drug>> SearchAsync(string? term, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Drugs.AsNoTracking().Where(d => d.RetiredAt == null);
        if (!string.IsNullOrWhiteSpace(term))
        {
            var containing = SearchPattern.Containing(term);
            var starting = SearchPattern.StartingWith(term);
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
            query = query.Where(d => EF.Functions.Like(d.GenericName.ToLower(), containing, SearchPattern.Escape))
                .OrderBy(d => EF.Functions.Like(d.GenericName.ToLower(), starting, SearchPattern.Escape) ? 0 : 1).ThenBy(d => d.GenericName);
#pragma warning restore CA1304, CA1311
        }
        else
        {
            query = query.OrderBy(d => d.GenericName);
        }

        return await query.Take(take).ToListAsync(cancellationToken);
    }
}
