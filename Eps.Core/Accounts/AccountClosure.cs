using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Accounts;

/// <summary>What stands between a user and closing their account; <see cref="CanClose"/> when nothing does.</summary>
public sealed record ClosureCheck(bool IsStaff, int PendingPrescriptions, DateTime? LastExpiry, int OpenRequests)
{
    public bool CanClose => !IsStaff && PendingPrescriptions == 0 && OpenRequests == 0;
}

/// <summary>
/// Closes a patient's account. Prescriptions, dispenses, the controlled drugs register and the audit trail must be
/// kept, so the rows stay and lose who they belong to: the name, email, phone and date of birth are erased from the
/// user and the patient record, the login is released (no password, no authenticator, no roles, locked for good, a
/// placeholder address) and the prescriptions keep pointing at the now anonymous record, which keeps its HPN so that
/// the register's entries still match it. Nothing is closed while a prescription waits for collection or a request
/// waits for review: those would go on without anyone to collect them or to be told. Staff accounts are closed by an
/// administrator (locked), never by their holder.
/// </summary>
public sealed class AccountClosure(IDbContextFactory<EpsDbContext> dbFactory, AuditTrail audit, TimeProvider time)
{
    /// <summary>The reserved domain (RFC 2606) of the placeholder addresses closed accounts get.</summary>
    public const string PlaceholderDomain = "@closed.invalid";

    public const string ClosedName = "Closed account";

    public async Task<ClosureCheck> CheckAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CheckAsync(db, userId, cancellationToken);
    }

    /// <summary>Closes the account when nothing stands in the way; returns what was found either way.</summary>
    public async Task<ClosureCheck> CloseAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var check = await CheckAsync(db, userId, ct);
            if (!check.CanClose)
            {
                return check;
            }

            var user = await db.Users.Include(u => u.Patient).SingleAsync(u => u.Id == userId, ct);
            var placeholder = $"closed-{Guid.NewGuid():N}{PlaceholderDomain}";
            user.FullName = ClosedName;
            user.UserName = user.Email = placeholder;
            user.NormalizedUserName = user.NormalizedEmail = placeholder.ToUpperInvariant();
            user.EmailConfirmed = false;
            user.PhoneNumber = null;
            user.PhoneNumberConfirmed = false;
            user.PasswordHash = null;
            user.TwoFactorEnabled = false;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.AccessFailedCount = 0;
            user.SecurityStamp = Guid.NewGuid().ToString("N"); // ends every other session at its next validation
            if (user.Patient is { } patient)
            {
                patient.Email = placeholder;
                patient.Phone = null;
                patient.DateOfBirth = null;
                patient.DefaultPharmacyId = null;
            }

            // What let the person in (authenticator key, recovery codes, passkeys, external logins) goes, as do the roles.
            await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserPasskeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);

            // Ids only: the entry outlives the personal data it must not repeat.
            await audit.AppendAsync(db, "account_closed", userId, userId, new { patient = user.Patient?.Id }, ct);
            await db.SaveChangesAsync(ct);
            return check;
        }, cancellationToken);
    }

    private async Task<ClosureCheck> CheckAsync(EpsDbContext db, string userId, CancellationToken cancellationToken)
    {
        var staffRoles = new[] { Roles.Doctor, Roles.Pharmacist, Roles.Admin };
        var isStaff = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .AnyAsync(name => staffRoles.Contains(name), cancellationToken);
        var patientId = await db.Patients.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (patientId is null)
        {
            return new ClosureCheck(isStaff, 0, null, 0);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var pending = db.Prescriptions.Where(p => p.PatientId == patientId && p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now);
        var count = await pending.CountAsync(cancellationToken);
        var lastExpiry = count == 0 ? null : await pending.MaxAsync(p => (DateTime?)p.ExpiresAt, cancellationToken);
        var open = await db.PrescriptionRequests.CountAsync(
            r => r.PatientId == patientId && (r.Status == RequestStatus.Submitted || r.Status == RequestStatus.AwaitingDoctor), cancellationToken);
        return new ClosureCheck(isStaff, count, lastExpiry, open);
    }
}
