using Eps.Core.Accounts;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Administration;

/// <summary>The admin's view of user accounts: the searchable, paged list and one user's details.</summary>
public sealed class StaffDirectory(IDbContextFactory<EpsDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <summary>Users whose name or email contains the search text, with the role if one is given, by name.</summary>
    public async Task<StaffResults> SearchAsync(Actor admin, StaffQuery query, CancellationToken cancellationToken)
    {
        if (!admin.IsAdmin)
        {
            return new StaffResults([], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Containing(Text.Clip(query.Search, 200)!);
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
            users = users.Where(u => EF.Functions.Like(u.FullName.ToLower(), pattern, SearchPattern.Escape)
                || EF.Functions.Like(u.Email!.ToLower(), pattern, SearchPattern.Escape));
#pragma warning restore CA1304, CA1311
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var roleId = await db.Roles.Where(r => r.Name == query.Role).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        var total = await users.CountAsync(cancellationToken);
        var rows = await users.OrderBy(u => u.FullName).ThenBy(u => u.Email)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxPageSize))
            .Select(u => new
            {
                u.Id, u.FullName, u.Email, u.LockoutEnd, u.TwoFactorEnabled, HasPassword = u.PasswordHash != null,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                Pharmacy = u.Pharmacist!.Pharmacy.Name,
                u.Doctor!.RegistrationNumber,
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return new StaffResults([.. rows.Select(r => new StaffRow(r.Id, r.FullName, r.Email ?? "", Ordered(r.Roles),
            r.Roles.Contains(Roles.Pharmacist) ? r.Pharmacy : null, r.Roles.Contains(Roles.Doctor) ? r.RegistrationNumber : null,
            r.LockoutEnd > now, r.TwoFactorEnabled, r.HasPassword))], total);
    }

    /// <summary>One user with their roles and profiles, or null when there is none with this id.</summary>
    public async Task<StaffMember?> FindAsync(Actor admin, string userId, CancellationToken cancellationToken)
    {
        if (!admin.IsAdmin || string.IsNullOrEmpty(userId) || userId.Length > 450)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id, u.FullName, u.Email, u.LockoutEnd, u.TwoFactorEnabled, HasPassword = u.PasswordHash != null, u.IsDemo,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                PharmacyId = (int?)u.Pharmacist!.PharmacyId,
                Pharmacy = u.Pharmacist!.Pharmacy.Name,
                u.Doctor!.RegistrationNumber,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var lockedUntil = row.LockoutEnd > time.GetUtcNow() ? row.LockoutEnd : null;
        return new StaffMember(row.Id, row.FullName, row.Email ?? "", Ordered(row.Roles), row.PharmacyId, row.Pharmacy,
            row.RegistrationNumber, lockedUntil, row.TwoFactorEnabled, row.HasPassword, row.IsDemo);
    }

    /// <summary>Roles in the order of <see cref="Roles.All"/>, so chips and audit entries read the same every time.</summary>
    internal static List<string> Ordered(IEnumerable<string> roles) =>
        [.. roles.OrderBy(r => Roles.All.ToList().IndexOf(r) is var i && i < 0 ? int.MaxValue : i).ThenBy(r => r, StringComparer.Ordinal)];
}
