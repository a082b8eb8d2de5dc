using System.Buffers.Text;
using System.Text;
using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Eps.Core.Administration;

/// <summary>
/// New staff accounts: an admin invites a doctor, pharmacist or admin by email, and the operator's <c>create-admin</c>
/// command makes the first admin. Accounts are made without a password; the invitee sets one at a one-time link
/// (Identity's password reset token, at <c>/Account/ResetPassword</c>). No default password ever exists.
/// </summary>
public sealed class StaffInvitations(IServiceScopeFactory scopes, AuditTrail audit, TimeProvider time, Notifier notifier, IOptions<MailOptions> mail)
{
    public const string SetPasswordPath = "/Account/ResetPassword";

    private readonly StaffWork _work = new(scopes, audit, time);

    /// <summary>Creates the account with its role and profile and queues the invitation email, all in one transaction.</summary>
    public Task<CommandResult> InviteAsync(Actor admin, Invitation invitation, CancellationToken cancellationToken)
    {
        if (!admin.IsAdmin)
        {
            return Task.FromResult(CommandResult.Fail("Only an administrator can invite staff."));
        }

        var errors = new Dictionary<string, string>();
        var email = StaffRules.Email(invitation.Email);
        var name = StaffRules.Name(invitation.FullName);
        if (email is null)
        {
            errors[StaffRules.EmailField] = "Enter a valid email address.";
        }

        if (name is null)
        {
            errors[StaffRules.NameField] = $"Enter the full name (at most {StaffRules.NameLength} characters).";
        }

        if (!StaffRules.StaffRoles.Contains(invitation.Role))
        {
            errors[StaffRules.RoleField] = "Choose Doctor, Pharmacist or Admin.";
        }

        if (invitation.Role == Roles.Pharmacist && invitation.PharmacyId is null)
        {
            errors[StaffRules.PharmacyField] = "Choose the pharmacy this pharmacist works at.";
        }

        if (invitation.Role == Roles.Doctor && StaffRules.RegistrationNumber(invitation.RegistrationNumber) is null)
        {
            errors[StaffRules.RegistrationNumberField] = StaffRules.RegistrationNumberHint;
        }

        if (errors.Count > 0)
        {
            return Task.FromResult(CommandResult.Invalid(errors));
        }

        return _work.RunAsync(async (change, ct) =>
        {
            if (await change.Users.FindByEmailAsync(email!) is not null)
            {
                return StaffAdministration.Invalid(StaffRules.EmailField, "An account with this email already exists. Find it in the staff list.");
            }

            var user = new EpsUser { UserName = email, Email = email, FullName = name!, EmailConfirmed = true };
            if (await StaffChange.StepsAsync(() => change.Users.CreateAsync(user)) is { } failed)
            {
                return StaffChange.Failed(failed);
            }

            if (await StaffProfiles.PrepareAsync(change.Db, user.Id, invitation.Role, invitation.PharmacyId, invitation.RegistrationNumber ?? "", ct) is { } invalid)
            {
                return invalid;
            }

            if (await StaffChange.StepsAsync(() => change.Users.AddToRoleAsync(user, invitation.Role)) is { } notAdded)
            {
                return StaffChange.Failed(notAdded);
            }

            await change.AuditAsync(StaffRules.StaffInvited, admin.UserId, user.Id, before: null, ct, new { role = invitation.Role });
            await QueueInvitationAsync(change, user, invitation.Role, ct);
            return CommandResult.Ok($"Invitation sent to {email}.");
        }, r => r.Succeeded, cancellationToken);
    }

    /// <summary>A fresh set-password link by email, for an invitee whose link expired or was lost.</summary>
    public Task<CommandResult> ResendInvitationAsync(Actor admin, string userId, CancellationToken cancellationToken) =>
        _work.OnUserAsync(admin, userId, async (change, user, ct) =>
        {
            var roles = StaffDirectory.Ordered((await change.Users.GetRolesAsync(user)).Where(StaffRules.StaffRoles.Contains));
            if (roles.Count == 0 || user.Email is null)
            {
                return CommandResult.Fail("Only staff accounts are invited. Patients reset their own password from the sign-in page.");
            }

            var before = await change.StateAsync(user.Id, ct);
            await change.AuditAsync(StaffRules.InvitationResent, admin.UserId, user.Id, before, ct);
            await QueueInvitationAsync(change, user, roles[^1], ct);
            return CommandResult.Ok($"A new set-password link was sent to {user.Email}.");
        }, cancellationToken);

    /// <summary>
    /// The operator's first admin: creates the account (or promotes an existing one, lifting any lock) and returns a
    /// one-time link at which its owner sets the password. Recorded in the audit trail with no actor.
    /// </summary>
    public async Task<AdminSetup> CreateAdminAsync(string? email, string? fullName, CancellationToken cancellationToken)
    {
        var address = StaffRules.Email(email);
        if (address is null)
        {
            return Refused(StaffRules.EmailField, "Give a valid email address with --email.");
        }

        return await _work.RunAsync(async (change, ct) =>
        {
            var user = await change.Users.FindByEmailAsync(address);
            var before = user is null ? null : await change.StateAsync(user.Id, ct);
            if (user is null)
            {
                if (StaffRules.Name(fullName) is not { } name)
                {
                    return Refused(StaffRules.NameField, $"Give the new admin's full name with --name (at most {StaffRules.NameLength} characters).");
                }

                user = new EpsUser { UserName = address, Email = address, FullName = name, EmailConfirmed = true };
                if (await StaffChange.StepsAsync(() => change.Users.CreateAsync(user)) is { } failed)
                {
                    return Refused(StaffRules.EmailField, StaffChange.Failed(failed).Message);
                }
            }

            var account = user;
            if (await StaffChange.StepsAsync(
                    () => AddAdminAsync(change.Users, account),
                    () => account.LockoutEnd is null ? Task.FromResult(IdentityResult.Success) : change.Users.SetLockoutEndDateAsync(account, null)) is { } notPromoted)
            {
                return Refused(StaffRules.RoleField, StaffChange.Failed(notPromoted).Message);
            }

            await change.AuditAsync(StaffRules.AdminCreated, null, account.Id, before, ct, new { via = "create-admin command" });
            var link = await SetPasswordLinkAsync(change.Users, account);
            var what = before is null ? "Created the admin account" : "Gave the Admin role to";
            return new AdminSetup(true, $"{what} {address}.", new Dictionary<string, string>(), link);
        }, r => r.Succeeded, cancellationToken);
    }

    private static async Task<IdentityResult> AddAdminAsync(UserManager<EpsUser> users, EpsUser user) =>
        await users.IsInRoleAsync(user, Roles.Admin) ? IdentityResult.Success : await users.AddToRoleAsync(user, Roles.Admin);

    private static AdminSetup Refused(string field, string message) =>
        new(false, message, new Dictionary<string, string> { [field] = message });

    private async Task QueueInvitationAsync(StaffChange change, EpsUser user, string role, CancellationToken cancellationToken)
    {
        // The token is bound to the security stamp, so it is made after the last change to the account.
        var link = await SetPasswordLinkAsync(change.Users, user);
        notifier.Add(change.Db, StaffEmails.InvitationKind, user.Email!, StaffEmails.Invitation(user.FullName, role, link));
        await change.Db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The set-password page with a password reset token, Base64Url-encoded as the Identity pages expect.</summary>
    private async Task<string> SetPasswordLinkAsync(UserManager<EpsUser> users, EpsUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));
        return $"{mail.Value.BaseUrl.TrimEnd('/')}{SetPasswordPath}?code={code}";
    }
}
