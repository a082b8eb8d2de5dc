using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Prescribing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Administration;

/// <summary>
/// The admin's changes to staff accounts: roles, a pharmacist's pharmacy, a doctor's registration number, lockout and a
/// lost authenticator. Each change and its audit entry (who, what, before → after) commit in one transaction.
/// </summary>
public sealed class StaffAdministration(IServiceScopeFactory scopes, AuditTrail audit, TimeProvider time)
{
    // The user token ControlledSigning keeps the last accepted authenticator step in (its LoginProvider and LastStepName).

    private readonly StaffWork _work = new(scopes, audit, time);

    /// <summary>Gives the user a staff role; a pharmacist needs their pharmacy, a doctor their registration number.</summary>
    public Task<CommandResult> GrantRoleAsync(Actor admin, string userId, string role, int? pharmacyId, string? registrationNumber,
        CancellationToken cancellationToken) =>
        _work.OnUserAsync(admin, userId, async (change, user, ct) =>
        {
            if (!StaffRules.StaffRoles.Contains(role))
            {
                return Invalid(StaffRules.RoleField, "Choose Doctor, Pharmacist or Admin.");
            }

            if (await change.Users.IsInRoleAsync(user, role))
            {
                return CommandResult.Ok($"{user.FullName} already has the {role} role.");
            }

            var before = await change.StateAsync(user.Id, ct);
            if (await StaffProfiles.PrepareAsync(change.Db, user.Id, role, pharmacyId, registrationNumber, ct) is { } invalid)
            {
                return invalid;
            }

            var added = await change.Users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                return StaffChange.Failed(added);
            }

            await change.AuditAsync(StaffRules.RoleGranted, admin.UserId, user.Id, before, ct, new { role });
            return CommandResult.Ok($"{user.FullName} now has the {role} role.");
        }, cancellationToken);

    /// <summary>Takes a staff role away; the profile stays (prescriptions and dispenses name it), unused without the role.</summary>
    public Task<CommandResult> RevokeRoleAsync(Actor admin, string userId, string role, CancellationToken cancellationToken) =>
        _work.OnUserAsync(admin, userId, async (change, user, ct) =>
        {
            if (!StaffRules.StaffRoles.Contains(role))
            {
                return Invalid(StaffRules.RoleField, "Only the Doctor, Pharmacist and Admin roles are managed here.");
            }

            if (role == Roles.Admin && user.Id == admin.UserId)
            {
                return Invalid(StaffRules.RoleField, "You cannot remove your own Admin role. Ask another administrator to do it.");
            }

            if (!await change.Users.IsInRoleAsync(user, role))
            {
                return CommandResult.Ok($"{user.FullName} does not have the {role} role.");
            }

            var before = await change.StateAsync(user.Id, ct);
            var removed = await change.Users.RemoveFromRoleAsync(user, role);
            if (!removed.Succeeded)
            {
                return StaffChange.Failed(removed);
            }

            // The role claim sits in the user's cookie: a new security stamp ends that session at its next revalidation.
            await change.Users.UpdateSecurityStampAsync(user);
            await change.AuditAsync(StaffRules.RoleRevoked, admin.UserId, user.Id, before, ct, new { role });
            return CommandResult.Ok($"{user.FullName} no longer has the {role} role.");
        }, cancellationToken);

    /// <summary>Links a pharmacist to one pharmacy; a move replaces the link (one profile per user).</summary>
    public Task<CommandResult> AssignPharmacyAsync(Actor admin, string userId, int pharmacyId, CancellationToken cancellationToken) =>
        _work.OnUserAsync(admin, userId, async (change, user, ct) =>
        {
            if (!await change.Users.IsInRoleAsync(user, Roles.Pharmacist))
            {
                return Invalid(StaffRules.PharmacyField, "Only a pharmacist belongs to a pharmacy. Give the Pharmacist role first.");
            }

            var profile = await change.Db.Pharmacists.SingleAsync(p => p.UserId == user.Id, ct);
            if (profile.PharmacyId == pharmacyId)
            {
                return CommandResult.Ok($"{user.FullName} already works at this pharmacy.");
            }

            var before = await change.StateAsync(user.Id, ct);
            if (await StaffProfiles.PrepareAsync(change.Db, user.Id, Roles.Pharmacist, pharmacyId, null, ct) is { } invalid)
            {
                return invalid;
            }

            await change.Db.SaveChangesAsync(ct);
            // An open session still sees the old pharmacy's queue: the new stamp ends it at its next revalidation.
            await change.Users.UpdateSecurityStampAsync(user);
            await change.AuditAsync(StaffRules.PharmacyAssigned, admin.UserId, user.Id, before, ct);
            return CommandResult.Ok($"{user.FullName} now works at the new pharmacy.");
        }, cancellationToken);

    /// <summary>Sets a doctor's medical council registration number.</summary>
    public Task<CommandResult> SetRegistrationNumberAsync(Actor admin, string userId, string? registrationNumber, CancellationToken cancellationToken) =>
        _work.OnUserAsync(admin, userId, async (change, user, ct) =>
        {
            if (!await change.Users.IsInRoleAsync(user, Roles.Doctor))
            {
                return Invalid(StaffRules.RegistrationNumberField, "Only a doctor has a registration number. Give the Doctor role first.");
            }

            var before = await change.StateAsync(user.Id, ct);
            if (await StaffProfiles.PrepareAsync(change.Db, user.Id, Roles.Doctor, null, registrationNumber ?? "", ct) is { } invalid)
            {
                return invalid;
            }

            await change.AuditAsync(StaffRules.RegistrationNumberSet, admin.UserId, user.Id, before, ct);
            return CommandResult.Ok($"Registration number of {user.FullName} saved.");
        }, cancellationToken);

    /// <summary>Locks the account until unlocked: sign-in is refused and open sessions end at their next revalidation.</summary>
    public Task<CommandResult> LockAsync(Actor admin, string userId, CancellationToken cancellationToken) =>
        _work.OnUserAsync(admin, userId, async (change, user, ct) =>
        {
            if (user.Id == admin.UserId)
            {
                return CommandResult.Fail("You cannot lock your own account.");
            }

            var before = await change.StateAsync(user.Id, ct);
            if (await StaffChange.StepsAsync(
                    () => change.Users.SetLockoutEnabledAsync(user, true),
                    () => change.Users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue),
                    () => change.Users.UpdateSecurityStampAsync(user)) is { } failed)
            {
                return StaffChange.Failed(failed);
            }

            await change.AuditAsync(StaffRules.AccountLocked, admin.UserId, user.Id, before, ct);
            return CommandResult.Ok($"{user.FullName}'s account is locked. Open sessions end within 30 minutes.");
        }, cancellationToken);

    /// <summary>Lifts a lock, the admin's or one after failed sign-ins, and clears the failure count.</summary>
    public Task<CommandResult> UnlockAsync(Actor admin, string userId, CancellationToken cancellationToken) =>
        _work.OnUserAsync(admin, userId, async (change, user, ct) =>
        {
            var before = await change.StateAsync(user.Id, ct);
            if (await StaffChange.StepsAsync(
                    () => user.LockoutEnd is null ? Task.FromResult(IdentityResult.Success) : change.Users.SetLockoutEndDateAsync(user, null),
                    () => change.Users.ResetAccessFailedCountAsync(user)) is { } failed)
            {
                return StaffChange.Failed(failed);
            }

            await change.AuditAsync(StaffRules.AccountUnlocked, admin.UserId, user.Id, before, ct);
            return CommandResult.Ok($"{user.FullName}'s account is unlocked.");
        }, cancellationToken);

    /// <summary>
    /// For a lost phone: a new authenticator key, two-factor off and the last signing step forgotten, so the doctor can
    /// set up an authenticator again and sign controlled prescriptions with it.
    /// </summary>
    public Task<CommandResult> ResetAuthenticatorAsync(Actor admin, string userId, CancellationToken cancellationToken) =>
        _work.OnUserAsync(admin, userId, async (change, user, ct) =>
        {
            var before = await change.StateAsync(user.Id, ct);
            if (await StaffChange.StepsAsync(
                    () => change.Users.ResetAuthenticatorKeyAsync(user),
                    () => change.Users.SetTwoFactorEnabledAsync(user, false),
                    () => change.Users.RemoveAuthenticationTokenAsync(user, ControlledSigning.LoginProvider, ControlledSigning.LastStepName)) is { } failed)
            {
                return StaffChange.Failed(failed);
            }

            await change.AuditAsync(StaffRules.AuthenticatorReset, admin.UserId, user.Id, before, ct);
            return CommandResult.Ok($"{user.FullName}'s authenticator is reset: they sign in with their password and set up a new one.");
        }, cancellationToken);

    internal static CommandResult Invalid(string field, string message) =>
        CommandResult.Invalid(new Dictionary<string, string> { [field] = message });
}
