using Eps.Core.Accounts;
using Eps.Core.Administration;
using Eps.Core.Audit;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Eps.Tests.Core.Administration.StaffKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Administration;

public sealed class StaffAdministrationTests
{
    [Fact]
    public async Task Moving_a_pharmacist_replaces_their_one_pharmacy_and_ends_their_sessions()
    {
        await using var core = await CoreHarness.StartAsync();
        var pharmacist = await UserAsync(core, LagosPharmacist);
        var abuja = await PharmacyIdAsync(core, Scenario.Abuja);

        var result = await Staff(core).AssignPharmacyAsync(await core.ActorAsync(Admin), pharmacist.Id, abuja, None);

        Assert.True(result.Succeeded, result.Message);
        await using var db = await core.DbAsync();
        Assert.Equal(abuja, Assert.Single(await db.Pharmacists.Where(p => p.UserId == pharmacist.Id).ToListAsync()).PharmacyId);
        Assert.Equal(abuja, (await core.ActorAsync(LagosPharmacist)).PharmacyId);
        Assert.NotEqual(pharmacist.SecurityStamp, (await UserAsync(core, LagosPharmacist)).SecurityStamp);
        var audit = Assert.Single(await AuditAsync(core, StaffRules.PharmacyAssigned, pharmacist.Id));
        Assert.Equal(Scenario.Lagos, audit.GetProperty("before").GetProperty("pharmacy").GetString());
        Assert.Equal(Scenario.Abuja, audit.GetProperty("after").GetProperty("pharmacy").GetString());
    }

    [Fact]
    public async Task A_pharmacy_is_only_assigned_to_a_pharmacist_and_must_exist()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var doctor = await UserAsync(core, Doctor);
        var pharmacist = await UserAsync(core, LagosPharmacist);

        var notPharmacist = await Staff(core).AssignPharmacyAsync(admin, doctor.Id, await PharmacyIdAsync(core, Scenario.Lagos), None);
        var noSuchPharmacy = await Staff(core).AssignPharmacyAsync(admin, pharmacist.Id, 987_654, None);

        Assert.True(notPharmacist.Errors.ContainsKey(StaffRules.PharmacyField));
        Assert.True(noSuchPharmacy.Errors.ContainsKey(StaffRules.PharmacyField));
        Assert.Equal(await PharmacyIdAsync(core, Scenario.Lagos), (await core.ActorAsync(LagosPharmacist)).PharmacyId);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var audited = await AuditCountAsync(core);

        var result = await Staff(core).RevokeRoleAsync(admin, admin.UserId, Roles.Admin, None);

        Assert.False(result.Succeeded);
        Assert.Contains("your own Admin role", result.Errors[StaffRules.RoleField], StringComparison.Ordinal);
        Assert.True((await core.ActorAsync(Admin)).IsAdmin);
        Assert.Equal(audited, await AuditCountAsync(core));
    }

    [Fact]
    public async Task Granting_and_revoking_a_role_are_audited_with_the_roles_before_and_after()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var pharmacist = await UserAsync(core, LagosPharmacist);

        var missingNumber = await Staff(core).GrantRoleAsync(admin, pharmacist.Id, Roles.Doctor, null, null, None);
        var granted = await Staff(core).GrantRoleAsync(admin, pharmacist.Id, Roles.Doctor, null, "MDCN/R/90001", None);
        var revoked = await Staff(core).RevokeRoleAsync(admin, pharmacist.Id, Roles.Pharmacist, None);

        Assert.True(missingNumber.Errors.ContainsKey(StaffRules.RegistrationNumberField));
        Assert.True(granted.Succeeded, granted.Message);
        Assert.True(revoked.Succeeded, revoked.Message);
        var actor = await core.ActorAsync(LagosPharmacist);
        Assert.True(actor.IsDoctor);
        Assert.False(actor.IsPharmacist);

        var grant = Assert.Single(await AuditAsync(core, StaffRules.RoleGranted, pharmacist.Id));
        Assert.Equal(admin.UserId, await ActorOfAsync(core, StaffRules.RoleGranted, pharmacist.Id));
        Assert.Equal([Roles.Pharmacist], Strings(grant.GetProperty("before"), "roles"));
        Assert.Equal([Roles.Pharmacist, Roles.Doctor], Strings(grant.GetProperty("after"), "roles"));
        Assert.Equal("MDCN/R/90001", grant.GetProperty("after").GetProperty("registration_number").GetString());
        var revoke = Assert.Single(await AuditAsync(core, StaffRules.RoleRevoked, pharmacist.Id));
        Assert.Equal([Roles.Doctor], Strings(revoke.GetProperty("after"), "roles"));
        Assert.Equal(Roles.Pharmacist, revoke.GetProperty("extra").GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_doctors_registration_number_is_checked_and_saved()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var doctor = await UserAsync(core, Doctor);

        var invalid = await Staff(core).SetRegistrationNumberAsync(admin, doctor.Id, "<script>", None);
        var saved = await Staff(core).SetRegistrationNumberAsync(admin, doctor.Id, " MDCN/R/50000 ", None);

        Assert.Equal(StaffRules.RegistrationNumberHint, invalid.Errors[StaffRules.RegistrationNumberField]);
        Assert.True(saved.Succeeded, saved.Message);
        var audit = Assert.Single(await AuditAsync(core, StaffRules.RegistrationNumberSet, doctor.Id));
        Assert.Equal("MDCN/R/48213", audit.GetProperty("before").GetProperty("registration_number").GetString());
        Assert.Equal("MDCN/R/50000", audit.GetProperty("after").GetProperty("registration_number").GetString());
    }

    [Fact]
    public async Task A_locked_account_is_locked_out_with_a_new_security_stamp_until_unlocked()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var doctor = await UserAsync(core, Doctor);

        var locked = await Staff(core).LockAsync(admin, doctor.Id, None);

        Assert.True(locked.Succeeded, locked.Message);
        Assert.True(await WithUsersAsync(core, async u => await u.IsLockedOutAsync((await u.FindByIdAsync(doctor.Id))!)));
        Assert.NotEqual(doctor.SecurityStamp, (await UserAsync(core, Doctor)).SecurityStamp);
        Assert.True((await core.Get<StaffDirectory>().FindAsync(admin, doctor.Id, None))!.Locked);

        var unlocked = await Staff(core).UnlockAsync(admin, doctor.Id, None);

        Assert.True(unlocked.Succeeded, unlocked.Message);
        Assert.False(await WithUsersAsync(core, async u => await u.IsLockedOutAsync((await u.FindByIdAsync(doctor.Id))!)));
        var lockAudit = Assert.Single(await AuditAsync(core, StaffRules.AccountLocked, doctor.Id));
        Assert.False(lockAudit.GetProperty("before").GetProperty("locked").GetBoolean());
        Assert.True(lockAudit.GetProperty("after").GetProperty("locked").GetBoolean());
        var unlockAudit = Assert.Single(await AuditAsync(core, StaffRules.AccountUnlocked, doctor.Id));
        Assert.False(unlockAudit.GetProperty("after").GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task An_admin_cannot_lock_themselves_and_nobody_else_can_lock_anyone()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var doctor = await UserAsync(core, Doctor);

        Assert.False((await Staff(core).LockAsync(admin, admin.UserId, None)).Succeeded);
        Assert.False((await Staff(core).LockAsync(await core.ActorAsync(LagosPharmacist), doctor.Id, None)).Succeeded);
        Assert.False((await Staff(core).LockAsync(admin, "no-such-user", None)).Succeeded);
        Assert.False(await WithUsersAsync(core, async u => await u.IsLockedOutAsync((await u.FindByIdAsync(doctor.Id))!)));
    }

    [Fact]
    public async Task Resetting_a_lost_authenticator_turns_two_factor_off_with_a_new_key_and_forgets_the_last_signing_step()
    {
        await using var core = await CoreHarness.StartAsync();
        var doctor = await UserAsync(core, Doctor);
        var oldKey = await WithUsersAsync(core, async u =>
        {
            var user = (await u.FindByIdAsync(doctor.Id))!;
            await u.ResetAuthenticatorKeyAsync(user);
            await u.SetTwoFactorEnabledAsync(user, true);
            await u.SetAuthenticationTokenAsync(user, "Eps", "LastTotpStep", "000000000001:1");
            return await u.GetAuthenticatorKeyAsync(user);
        });
        var signing = ActivatorUtilities.CreateInstance<ControlledSigning>(core.Services);
        Assert.True(await signing.IsEnabledAsync(await core.ActorAsync(Doctor)));

        var result = await Staff(core).ResetAuthenticatorAsync(await core.ActorAsync(Admin), doctor.Id, None);

        Assert.True(result.Succeeded, result.Message);
        Assert.False(await signing.IsEnabledAsync(await core.ActorAsync(Doctor)));
        var (key, step) = await WithUsersAsync(core, async u =>
        {
            var user = (await u.FindByIdAsync(doctor.Id))!;
            return (await u.GetAuthenticatorKeyAsync(user), await u.GetAuthenticationTokenAsync(user, "Eps", "LastTotpStep"));
        });
        Assert.NotEqual(oldKey, key);
        Assert.Null(step);
        var audit = Assert.Single(await AuditAsync(core, StaffRules.AuthenticatorReset, doctor.Id));
        Assert.True(audit.GetProperty("before").GetProperty("two_factor").GetBoolean());
        Assert.False(audit.GetProperty("after").GetProperty("two_factor").GetBoolean());
    }

    [Fact]
    public async Task The_staff_list_searches_name_and_email_filters_by_role_and_pages()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var staff = core.Get<StaffDirectory>();

        var lagos = await staff.SearchAsync(admin, new StaffQuery("LAGOS"), None);
        var pharmacists = await staff.SearchAsync(admin, new StaffQuery(Role: Roles.Pharmacist, Take: 2), None);
        var secondPage = await staff.SearchAsync(admin, new StaffQuery(Role: Roles.Pharmacist, Skip: 2, Take: 2), None);
        var byName = await staff.SearchAsync(admin, new StaffQuery("chinedu"), None);
        var wildcard = await staff.SearchAsync(admin, new StaffQuery("%"), None);
        var asPharmacist = await staff.SearchAsync(await core.ActorAsync(LagosPharmacist), new StaffQuery(), None);

        var row = Assert.Single(lagos.Rows);
        Assert.Equal(LagosPharmacist, row.Email);
        Assert.Equal("Marina Community Pharmacy", row.PharmacyName);
        Assert.Equal(3, pharmacists.Total);
        Assert.Equal(2, pharmacists.Rows.Count);
        Assert.Single(secondPage.Rows);
        Assert.All(pharmacists.Rows.Concat(secondPage.Rows), r => Assert.Contains(Roles.Pharmacist, r.Roles));
        Assert.Equal("MDCN/R/48213", Assert.Single(byName.Rows).RegistrationNumber);
        Assert.Empty(wildcard.Rows);
        Assert.Empty(asPharmacist.Rows);
    }

    [Fact]
    public async Task Every_staff_change_keeps_the_audit_chain_intact()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var doctor = await UserAsync(core, Doctor);
        await Staff(core).GrantRoleAsync(admin, doctor.Id, Roles.Admin, null, null, None);
        await Staff(core).LockAsync(admin, doctor.Id, None);
        await Staff(core).UnlockAsync(admin, doctor.Id, None);
        await Staff(core).ResetAuthenticatorAsync(admin, doctor.Id, None);
        await Invitations(core).InviteAsync(admin, new Invitation("chain@eps.test", "Chain Check", Roles.Admin), None);

        var report = await core.Get<AuditVerifier>().VerifyAsync(None);

        Assert.True(report.Intact, report.Message);
    }

    private static async Task<string?> ActorOfAsync(CoreHarness core, string kind, string userId)
    {
        await using var db = await core.DbAsync();
        return await db.AuditEntries.Where(e => e.Kind == kind && e.Subject == userId).Select(e => e.ActorUserId).SingleAsync();
    }
}
