using System.Security.Cryptography;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Accounts;

/// <summary>Turns a newly registered Identity user into a patient: role, profile and a fresh health provider number.</summary>
public sealed class PatientRegistration(IDbContextFactory<EpsDbContext> dbFactory, Audit.AuditTrail audit)
{
    public async Task<string> CompleteAsync(string userId, string email, string? phone, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var roleId = await db.Roles.Where(r => r.Name == Roles.Patient).Select(r => r.Id).SingleAsync(ct);
            if (!await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == roleId, ct))
            {
                db.UserRoles.Add(new() { UserId = userId, RoleId = roleId });
            }

            var hpn = await NewHpnAsync(db, ct);
            db.Patients.Add(new PatientProfile { UserId = userId, Hpn = hpn, Email = email, Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim() });
            await audit.AppendAsync(db, "role", userId, userId, new { granted = Roles.Patient, via = "registration" }, ct);
            await db.SaveChangesAsync(ct);
            return hpn;
        }, cancellationToken);
    }

    private static async Task<string> NewHpnAsync(EpsDbContext db, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var candidate = RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
            if (!await db.Patients.AnyAsync(p => p.Hpn == candidate, cancellationToken))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Could not allocate a health provider number.");
    }
}
