using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Administration;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Drugs;

/// <summary>
/// The admin's drug catalogue: add, edit, retire and restore, each change recorded in the audit chain with who made it
/// and the fields before → after. A change reaches new requests and approvals only: issued prescriptions keep the
/// schedule and risk they were issued with. A retired drug cannot be requested or approved.
/// </summary>
public sealed class CatalogueAdministration(IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit, TimeProvider time)
{
    public const string Added = "drug-added";
    public const string Updated = "drug-updated";
    public const string Retired = "drug-retired";
    public const string Restored = "drug-restored";

    /// <summary>The whole catalogue, retired drugs included, by name.</summary>
    public async Task<IReadOnlyList<Drug>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Drugs.AsNoTracking().OrderBy(d => d.GenericName).ToListAsync(cancellationToken);
    }

    public Task<CommandResult> AddAsync(Actor actor, DrugDraft draft, CancellationToken cancellationToken) =>
        SaveAsync(actor, null, draft, cancellationToken);

    public Task<CommandResult> UpdateAsync(Actor actor, int drugId, DrugDraft draft, CancellationToken cancellationToken) =>
        SaveAsync(actor, drugId, draft, cancellationToken);

    public Task<CommandResult> RetireAsync(Actor actor, int drugId, CancellationToken cancellationToken) =>
        SetRetiredAsync(actor, drugId, retire: true, cancellationToken);

    public Task<CommandResult> RestoreAsync(Actor actor, int drugId, CancellationToken cancellationToken) =>
        SetRetiredAsync(actor, drugId, retire: false, cancellationToken);

    private async Task<CommandResult> SaveAsync(Actor actor, int? drugId, DrugDraft draft, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return CommandResult.Fail("Only an administrator can change the drug catalogue.");
        }

        draft = draft.Normalized();
        var errors = DrugDraftRules.Validate(draft);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                if (await NameTakenAsync(db, draft.GenericName, drugId, ct))
                {
                    return NameTaken(draft.GenericName);
                }

                var drug = drugId is { } id ? await db.Drugs.SingleOrDefaultAsync(d => d.Id == id, ct) : new Drug();
                if (drug is null)
                {
                    return CommandResult.Fail("That drug is no longer in the catalogue.");
                }

                var change = ChangeRecord.Between(drugId is null ? null : Snapshot(DrugDraft.Of(drug)), Snapshot(draft));
                if (change.IsEmpty)
                {
                    return CommandResult.Ok($"{drug.GenericName} is unchanged.");
                }

                Apply(drug, draft);
                if (drugId is null)
                {
                    db.Drugs.Add(drug);
                }

                await audit.AppendAsync(db, drugId is null ? Added : Updated, actor.UserId, draft.GenericName, change, ct);
                await db.SaveChangesAsync(ct);
                return CommandResult.Ok(drugId is null ? $"{draft.GenericName} added to the catalogue." : $"{draft.GenericName} saved.");
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin added the name between the check and the save: the unique index refused it, nothing was saved.
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await NameTakenAsync(check, draft.GenericName, drugId, cancellationToken))
            {
                return NameTaken(draft.GenericName);
            }

            throw;
        }
    }

    private async Task<CommandResult> SetRetiredAsync(Actor actor, int drugId, bool retire, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return CommandResult.Fail("Only an administrator can change the drug catalogue.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var drug = await db.Drugs.AsNoTracking().Where(d => d.Id == drugId)
                .Select(d => new { d.GenericName, d.RetiredAt }).SingleOrDefaultAsync(ct);
            if (drug is null)
            {
                return CommandResult.Fail("That drug is no longer in the catalogue.");
            }

            // Conditional, so two admins at once record one change, not two.
            var changed = await db.Drugs.Where(d => d.Id == drugId && (retire ? d.RetiredAt == null : d.RetiredAt != null))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RetiredAt, retire ? now : null), ct);
            if (changed == 0)
            {
                return CommandResult.Ok(retire ? $"{drug.GenericName} is already retired." : $"{drug.GenericName} is already in the catalogue.");
            }

            var change = new ChangeRecord(
                new Dictionary<string, string?> { ["retired_at"] = Stamp(drug.RetiredAt) },
                new Dictionary<string, string?> { ["retired_at"] = retire ? Stamp(now) : null });
            await audit.AppendAsync(db, retire ? Retired : Restored, actor.UserId, drug.GenericName, change, ct);
            await db.SaveChangesAsync(ct);
            return CommandResult.Ok(retire
                ? $"{drug.GenericName} is retired: it can no longer be requested or approved; issued prescriptions keep working."
                : $"{drug.GenericName} is back in the catalogue.");
        }, cancellationToken);
    }

    /// <summary>Whether another drug has this generic name in any case (the index is case-sensitive on some engines; the catalogue is not).</summary>
    internal static Task<bool> NameTakenAsync(EpsDbContext db, string genericName, int? exceptId, CancellationToken cancellationToken)
    {
        var lower = genericName.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
        return db.Drugs.AnyAsync(d => d.GenericName.ToLower() == lower && d.Id != exceptId, cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }

    private static CommandResult NameTaken(string name) =>
        CommandResult.Invalid(new Dictionary<string, string> { ["generic_name"] = $"{name} is already in the catalogue." });

    internal static void Apply(Drug drug, DrugDraft draft) =>
        (drug.GenericName, drug.Strengths, drug.Form, drug.Category, drug.Schedule, drug.RiskLevel) =
            (draft.GenericName, draft.Strengths, draft.Form, draft.Category, draft.Schedule, draft.RiskLevel);

    internal static string? Stamp(DateTime? at) => at?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    internal static Dictionary<string, string?> Snapshot(DrugDraft d) => new()
    {
        ["generic_name"] = d.GenericName, ["strengths"] = d.Strengths, ["form"] = d.Form, ["category"] = d.Category,
        ["schedule"] = DrugDraftRules.Code(d.Schedule), ["risk_level"] = DrugDraftRules.Code(d.RiskLevel),
    };
}
