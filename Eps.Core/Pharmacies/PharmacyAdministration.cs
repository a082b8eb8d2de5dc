using Eps.Core.Accounts;
using Eps.Core.Administration;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Pharmacies;

/// <summary>A pharmacy on the admin's list: its details, the pharmacists linked to it and its unexpired pending prescriptions.</summary>
public sealed record PharmacyRow(
    int Id, string Code, string Name, string Address, string City, string Postcode, string Phone, string Email,
    DateTime? DeactivatedAt, int StaffCount, int PendingCount, string? OpeningHours = null)
{
    public bool IsActive => DeactivatedAt is null;

    public PharmacyDraft Draft => new(Code, Name, Address, City, Postcode, Phone, Email, OpeningHours);
}

/// <summary>
/// The admin's pharmacies: create, edit, deactivate and reactivate, each change recorded in the audit chain with who
/// made it and the fields before → after. A deactivated pharmacy takes no new nominations; what is already routed to it
/// (queue, verification, dispensing) carries on.
/// </summary>
public sealed class PharmacyAdministration(IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit, TimeProvider time)
{
    public const string Created = "pharmacy-created";
    public const string Updated = "pharmacy-updated";
    public const string Deactivated = "pharmacy-deactivated";
    public const string Reactivated = "pharmacy-reactivated";

    public async Task<IReadOnlyList<PharmacyRow>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Pharmacies.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Code)
            .Select(p => new PharmacyRow(p.Id, p.Code, p.Name, p.Address, p.City, p.Postcode, p.Phone, p.Email, p.DeactivatedAt,
                db.Pharmacists.Count(s => s.PharmacyId == p.Id),
                db.Prescriptions.Count(r => r.PharmacyId == p.Id && r.Status == PrescriptionState.PendingCollection && r.ExpiresAt > now),
                p.OpeningHours))
            .ToListAsync(cancellationToken);
    }

    public Task<CommandResult> CreateAsync(Actor actor, PharmacyDraft draft, CancellationToken cancellationToken) =>
        SaveAsync(actor, null, draft, cancellationToken);

    public Task<CommandResult> UpdateAsync(Actor actor, int pharmacyId, PharmacyDraft draft, CancellationToken cancellationToken) =>
        SaveAsync(actor, pharmacyId, draft, cancellationToken);

    public Task<CommandResult> DeactivateAsync(Actor actor, int pharmacyId, CancellationToken cancellationToken) =>
        SetActiveAsync(actor, pharmacyId, active: false, cancellationToken);

    public Task<CommandResult> ReactivateAsync(Actor actor, int pharmacyId, CancellationToken cancellationToken) =>
        SetActiveAsync(actor, pharmacyId, active: true, cancellationToken);

    private async Task<CommandResult> SaveAsync(Actor actor, int? pharmacyId, PharmacyDraft draft, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return CommandResult.Fail("Only an administrator can change pharmacies.");
        }

        draft = draft.Normalized();
        var errors = PharmacyRules.Validate(draft);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                if (await db.Pharmacies.AnyAsync(p => p.Code == draft.Code && p.Id != pharmacyId, ct))
                {
                    return CodeTaken(draft.Code);
                }

                var pharmacy = pharmacyId is { } id ? await db.Pharmacies.SingleOrDefaultAsync(p => p.Id == id, ct) : new Pharmacy();
                if (pharmacy is null)
                {
                    return CommandResult.Fail("That pharmacy no longer exists.");
                }

                if (pharmacyId is not null && pharmacy.Code != draft.Code && await db.Prescriptions.AnyAsync(r => r.PharmacyId == pharmacy.Id, ct))
                {
                    return CommandResult.Invalid(new Dictionary<string, string>
                    {
                        ["code"] = $"{pharmacy.Code} is printed on this pharmacy's prescription tokens, so it cannot change once prescriptions are routed to it.",
                    });
                }

                var before = pharmacyId is null ? null : Snapshot(PharmacyDraft.Of(pharmacy));
                var change = ChangeRecord.Between(before, Snapshot(draft));
                if (change.IsEmpty)
                {
                    return CommandResult.Ok($"{pharmacy.Name} is unchanged.");
                }

                (pharmacy.Code, pharmacy.Name, pharmacy.Address, pharmacy.City, pharmacy.Postcode, pharmacy.Phone, pharmacy.Email) =
                    (draft.Code, draft.Name, draft.Address, draft.City, draft.Postcode, draft.Phone, draft.Email);
                pharmacy.OpeningHours = draft.OpeningHours;
                if (pharmacyId is null)
                {
                    db.Pharmacies.Add(pharmacy);
                }

                await audit.AppendAsync(db, pharmacyId is null ? Created : Updated, actor.UserId, draft.Code, change, ct);
                await db.SaveChangesAsync(ct);
                return CommandResult.Ok(pharmacyId is null ? $"{draft.Name} ({draft.Code}) added." : $"{draft.Name} saved.");
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin took the code between the check and the save: the unique index refused it, nothing was saved.
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await check.Pharmacies.AnyAsync(p => p.Code == draft.Code && p.Id != pharmacyId, cancellationToken))
            {
                return CodeTaken(draft.Code);
            }

            throw;
        }
    }

    private async Task<CommandResult> SetActiveAsync(Actor actor, int pharmacyId, bool active, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return CommandResult.Fail("Only an administrator can change pharmacies.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var pharmacy = await db.Pharmacies.AsNoTracking().Where(p => p.Id == pharmacyId)
                .Select(p => new { p.Code, p.Name, p.DeactivatedAt }).SingleOrDefaultAsync(ct);
            if (pharmacy is null)
            {
                return CommandResult.Fail("That pharmacy no longer exists.");
            }

            // Conditional, so two admins at once record one change, not two.
            var changed = await db.Pharmacies.Where(p => p.Id == pharmacyId && (active ? p.DeactivatedAt != null : p.DeactivatedAt == null))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.DeactivatedAt, active ? null : now), ct);
            if (changed == 0)
            {
                return CommandResult.Ok(active ? $"{pharmacy.Name} is already active." : $"{pharmacy.Name} is already deactivated.");
            }

            var change = new ChangeRecord(
                new Dictionary<string, string?> { ["deactivated_at"] = Stamp(pharmacy.DeactivatedAt) },
                new Dictionary<string, string?> { ["deactivated_at"] = active ? null : Stamp(now) });
            await audit.AppendAsync(db, active ? Reactivated : Deactivated, actor.UserId, pharmacy.Code, change, ct);
            await db.SaveChangesAsync(ct);
            return CommandResult.Ok(active
                ? $"{pharmacy.Name} takes nominations again."
                : $"{pharmacy.Name} is deactivated: it takes no new nominations; prescriptions already routed to it can still be dispensed.");
        }, cancellationToken);
    }

    private static CommandResult CodeTaken(string code) =>
        CommandResult.Invalid(new Dictionary<string, string> { ["code"] = $"{code} is already the code of another pharmacy." });

    internal static string? Stamp(DateTime? at) => at?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Snapshot(PharmacyDraft d) => new()
    {
        ["code"] = d.Code, ["name"] = d.Name, ["address"] = d.Address, ["city"] = d.City, ["postcode"] = d.Postcode,
        ["phone"] = d.Phone, ["email"] = d.Email, ["opening_hours"] = d.OpeningHours,
    };
}
