using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Accounts;

/// <summary>A signed-in user with the profile ids that decide what they may see (role and relationship).</summary>
public sealed record Actor(string UserId, string FullName, IReadOnlySet<string> Roles, int? PatientId, int? DoctorId, int? PharmacyId)
{
    public bool IsAdmin => Roles.Contains(Accounts.Roles.Admin);
    public bool IsPharmacist => Roles.Contains(Accounts.Roles.Pharmacist) && PharmacyId is not null;
    public bool IsDoctor => Roles.Contains(Accounts.Roles.Doctor) && DoctorId is not null;
    public bool IsPatient => Roles.Contains(Accounts.Roles.Patient) && PatientId is not null;
}

/// <summary>Loads an <see cref="Actor"/> for a user id in one query.</summary>
public sealed class ActorDirectory(IDbContextFactory<EpsDbContext> dbFactory)
{
    public async Task<Actor?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id, u.FullName,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                PatientId = (int?)u.Patient!.Id,
                DoctorId = (int?)u.Doctor!.Id,
                PharmacyId = (int?)u.Pharmacist!.PharmacyId,
            })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new Actor(row.Id, row.FullName, row.Roles.ToHashSet(StringComparer.Ordinal), row.PatientId, row.DoctorId, row.PharmacyId);
    }

    /// <summary>The patient's health provider number as printed (<c>123 456 7890</c>), or null for anyone who is not a patient.</summary>
    public async Task<string?> HpnAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hpn = await db.Patients.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.Hpn).FirstOrDefaultAsync(cancellationToken);
        return hpn is null ? null : Hpn.Format(hpn);
    }
}
