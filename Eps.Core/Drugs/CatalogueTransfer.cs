using Eps.Core.Accounts;
using Eps.Core.Administration;
using Eps.Core.Audit;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Drugs;

/// <summary>
/// Outcome of a catalogue import. On failure nothing was imported and <see cref="Errors"/> says which lines to fix.
/// </summary>
public sealed record CatalogueImportResult(
    bool Succeeded, string Message, int Added, int Updated, int Unchanged, IReadOnlyList<CatalogueCsvError> Errors)
{
    internal static CatalogueImportResult Fail(string message, IReadOnlyList<CatalogueCsvError>? errors = null) =>
        new(false, message, 0, 0, 0, errors ?? []);
}

/// <summary>
/// The catalogue's CSV export and import. An import is checked row by row before anything is written, then applied as one
/// transaction: every row or none. Rows match drugs by generic name (in any case) and update them, or add new ones;
/// each drug that changes gets its own audit entry, before → after, with the line it came from.
/// </summary>
public sealed class CatalogueTransfer(IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit, TimeProvider time)
{
    /// <summary>At most this many line errors are reported; the rest are counted.</summary>
    public const int MaxReportedErrors = 50;

    /// <summary>The whole catalogue as CSV, or null for anyone but an admin.</summary>
    public async Task<string?> ExportAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var drugs = await db.Drugs.AsNoTracking().OrderBy(d => d.GenericName).ToListAsync(cancellationToken);
        return CatalogueCsv.ToCsv(drugs);
    }

    public async Task<CatalogueImportResult> ImportAsync(Actor actor, string csv, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return CatalogueImportResult.Fail("Only an administrator can import the drug catalogue.");
        }

        var (rows, errors) = CatalogueCsv.Parse(csv ?? "");
        var all = errors.Concat(Repeats(rows)).OrderBy(e => e.Line).ToList();
        if (all.Count > 0)
        {
            var more = all.Count > MaxReportedErrors ? $" The first {MaxReportedErrors} of {all.Count} problems are listed." : "";
            return CatalogueImportResult.Fail(
                $"Nothing was imported: {Lines(all.Select(e => e.Line).Distinct().Count())} need correcting.{more}", all.Take(MaxReportedErrors).ToList());
        }

        if (rows.Count == 0)
        {
            return CatalogueImportResult.Fail("The file has a header row but no drugs.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            return await db.InTransactionAsync(ct => ApplyAsync(db, actor, rows, now, ct), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A drug added by someone else meanwhile clashed with a new row: the transaction rolled back whole.
            return CatalogueImportResult.Fail("Nothing was imported: the catalogue changed while importing (a drug of the same name was added). Import the file again.");
        }
    }

    private async Task<CatalogueImportResult> ApplyAsync(EpsDbContext db, Actor actor, IReadOnlyList<CatalogueCsvRow> rows, DateTime now, CancellationToken ct)
    {
        var drugs = await db.Drugs.ToListAsync(ct);
        var exact = drugs.ToDictionary(d => d.GenericName, StringComparer.Ordinal);
        var anyCase = drugs.GroupBy(d => d.GenericName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.OrdinalIgnoreCase);
        var records = new List<AuditRecord>();
        var (added, updated) = (0, 0);
        foreach (var row in rows)
        {
            var drug = exact.GetValueOrDefault(row.Draft.GenericName) ?? anyCase.GetValueOrDefault(row.Draft.GenericName);
            var before = drug is null ? null : State(drug);
            var retiredAt = row.Retired switch
            {
                true => drug?.RetiredAt ?? now,
                false => null,
                null => drug?.RetiredAt,
            };
            var after = CatalogueAdministration.Snapshot(row.Draft);
            after["retired_at"] = CatalogueAdministration.Stamp(retiredAt);
            var change = ChangeRecord.Between(before, after);
            if (change.IsEmpty)
            {
                continue;
            }

            if (drug is null)
            {
                drug = new Drug();
                db.Drugs.Add(drug);
                added++;
            }
            else
            {
                updated++;
            }

            CatalogueAdministration.Apply(drug, row.Draft);
            drug.RetiredAt = retiredAt;
            records.Add(new AuditRecord(before is null ? CatalogueAdministration.Added : CatalogueAdministration.Updated, actor.UserId,
                row.Draft.GenericName, new { before = change.Before, after = change.After, source = "csv", line = row.Line }));
        }

        await audit.AppendManyAsync(db, records, ct);
        await db.SaveChangesAsync(ct);
        var unchanged = rows.Count - added - updated;
        return new CatalogueImportResult(true, $"Imported: {added} added, {updated} updated, {unchanged} unchanged.", added, updated, unchanged, []);
    }

    private static Dictionary<string, string?> State(Drug drug)
    {
        var state = CatalogueAdministration.Snapshot(DrugDraft.Of(drug));
        state["retired_at"] = CatalogueAdministration.Stamp(drug.RetiredAt);
        return state;
    }

    /// <summary>A drug named on two lines would be imported twice; the later line is refused.</summary>
    private static IEnumerable<CatalogueCsvError> Repeats(IReadOnlyList<CatalogueCsvRow> rows)
    {
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (first.TryGetValue(row.Draft.GenericName, out var line))
            {
                yield return new(row.Line, "generic_name", $"{row.Draft.GenericName} is already on line {line}.");
            }
            else
            {
                first[row.Draft.GenericName] = row.Line;
            }
        }
    }

    private static string Lines(int count) => count == 1 ? "1 line" : $"{count} lines";
}
