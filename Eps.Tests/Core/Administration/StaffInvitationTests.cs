using Eps.Core.Accounts;
using Eps.Core.Administration;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Administration.StaffKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Administration;

public sealed class StaffInvitationTests
{
    private const string NewPharmacist = "ngozi.pharm@eps.test";

    [Fact]
    public async Task An_invitation_creates_the_account_without_a_password_and_queues_one_email_whose_link_sets_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var abuja = await PharmacyIdAsync(core, Scenario.Abuja);

        var result = await Invitations(core).InviteAsync(await core.ActorAsync(Admin),
            new Invitation($"  {NewPharmacist} ", "Ngozi Adeyemi", Roles.Pharmacist, abuja), None);

        Assert.True(result.Succeeded, result.Message);
        var user = await UserAsync(core, NewPharmacist);
        Assert.Null(user.PasswordHash);
        Assert.Equal("Ngozi Adeyemi", user.FullName);
        Assert.Equal([Roles.Pharmacist], await RolesAsync(core, NewPharmacist));
        Assert.Equal(abuja, (await core.ActorAsync(NewPharmacist)).PharmacyId);

        var email = Assert.Single(await InvitationsAsync(core, NewPharmacist));
        var link = LinkIn(email);
        Assert.StartsWith("http://localhost:5144/Account/ResetPassword?code=", link, StringComparison.Ordinal);
        Assert.True((await SetPasswordAsync(core, NewPharmacist, link, "Fresh!Pass2026")).Succeeded);
        Assert.True(await WithUsersAsync(core, async u => await u.CheckPasswordAsync((await u.FindByEmailAsync(NewPharmacist))!, "Fresh!Pass2026")));
        Assert.False((await SetPasswordAsync(core, NewPharmacist, link, "Other!Pass2026")).Succeeded); // one-time

        var audit = Assert.Single(await AuditAsync(core, StaffRules.StaffInvited, user.Id));
        Assert.False(audit.TryGetProperty("before", out _)); // no account before the invitation
        Assert.Equal([Roles.Pharmacist], Strings(audit.GetProperty("after"), "roles"));
        Assert.Equal(Scenario.Abuja, audit.GetProperty("after").GetProperty("pharmacy").GetString());
    }

    [Fact]
    public async Task A_doctor_is_invited_with_their_registration_number()
    {
        await using var core = await CoreHarness.StartAsync();

        var result = await Invitations(core).InviteAsync(await core.ActorAsync(Admin),
            new Invitation("dr.bello@eps.test", "Dr Amina Bello", Roles.Doctor, RegistrationNumber: "MDCN/R/77001"), None);

        Assert.True(result.Succeeded, result.Message);
        var doctor = await core.ActorAsync("dr.bello@eps.test");
        Assert.True(doctor.IsDoctor);
        await using var db = await core.DbAsync();
        Assert.Equal("MDCN/R/77001", await db.Doctors.Where(d => d.Id == doctor.DoctorId).Select(d => d.RegistrationNumber).SingleAsync());
    }

    [Theory]
    [InlineData("not-an-email", "Name", "Pharmacist", true, null, "email")]
    [InlineData("x@eps.test", " ", "Pharmacist", true, null, "full_name")]
    [InlineData("x@eps.test", "Name", "Patient", true, null, "role")]
    [InlineData("x@eps.test", "Name", "Pharmacist", false, null, "pharmacy")]
    [InlineData("x@eps.test", "Name", "Doctor", false, "", "registration_number")]
    [InlineData("x@eps.test", "Name", "Doctor", false, "MDCN/R/48213", "registration_number")] // the demo doctor's
    [InlineData("doctor@eps.test", "Name", "Admin", false, null, "email")]
    public async Task An_invalid_invitation_names_the_field_and_changes_nothing(
        string email, string name, string role, bool withPharmacy, string? registration, string field)
    {
        await using var core = await CoreHarness.StartAsync();
        int? pharmacy = withPharmacy ? await PharmacyIdAsync(core, Scenario.Lagos) : null;
        var audited = await AuditCountAsync(core);
        await using var before = await core.DbAsync();
        var users = await before.Users.CountAsync();

        var result = await Invitations(core).InviteAsync(await core.ActorAsync(Admin), new Invitation(email, name, role, pharmacy, registration), None);

        Assert.False(result.Succeeded);
        Assert.True(result.Errors.ContainsKey(field), string.Join(", ", result.Errors.Keys));
        await using var after = await core.DbAsync();
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.False(await after.Outbox.AnyAsync(m => m.Kind == "staff.invitation"));
        Assert.Equal(audited, await AuditCountAsync(core));
    }

    [Fact]
    public async Task Only_an_admin_invites()
    {
        await using var core = await CoreHarness.StartAsync();

        var result = await Invitations(core).InviteAsync(await core.ActorAsync(LagosPharmacist),
            new Invitation("friend@eps.test", "A Friend", Roles.Admin), None);

        Assert.False(result.Succeeded);
        await using var db = await core.DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "friend@eps.test"));
    }

    [Fact]
    public async Task A_resent_invitation_carries_a_new_working_link()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        Assert.True((await Invitations(core).InviteAsync(admin, new Invitation("late@eps.test", "Late Starter", Roles.Admin), None)).Succeeded);
        var user = await UserAsync(core, "late@eps.test");

        var result = await Invitations(core).ResendInvitationAsync(admin, user.Id, None);

        Assert.True(result.Succeeded, result.Message);
        var emails = await InvitationsAsync(core, "late@eps.test");
        Assert.Equal(2, emails.Count);
        Assert.True((await SetPasswordAsync(core, "late@eps.test", LinkIn(emails[1]), "Fresh!Pass2026")).Succeeded);
        Assert.Single(await AuditAsync(core, StaffRules.InvitationResent, user.Id));
    }

    [Fact]
    public async Task The_first_admin_is_created_with_a_set_password_link_and_an_existing_account_is_promoted()
    {
        await using var core = await CoreHarness.StartAsync();

        var created = await Invitations(core).CreateAdminAsync("root@hospital.example", "Ada Root", None);
        var promoted = await Invitations(core).CreateAdminAsync(Doctor, null, None);

        Assert.True(created.Succeeded, created.Message);
        Assert.True((await SetPasswordAsync(core, "root@hospital.example", created.SetPasswordLink!, "Fresh!Pass2026")).Succeeded);
        Assert.True((await core.ActorAsync("root@hospital.example")).IsAdmin);
        Assert.True(promoted.Succeeded, promoted.Message);
        Assert.Equal([Roles.Doctor, Roles.Admin], (await RolesAsync(core, Doctor)).Order(Comparer<string>.Create((a, b) =>
            Roles.All.ToList().IndexOf(a).CompareTo(Roles.All.ToList().IndexOf(b)))));
        var user = await UserAsync(core, "root@hospital.example");
        var audit = Assert.Single(await AuditAsync(core, StaffRules.AdminCreated, user.Id));
        Assert.Equal([Roles.Admin], Strings(audit.GetProperty("after"), "roles"));
    }

    [Theory]
    [InlineData(null, "Name", "email")]
    [InlineData("bad address", "Name", "email")]
    [InlineData("new@hospital.example", null, "full_name")]
    public async Task The_first_admin_needs_an_email_and_for_a_new_account_a_name(string? email, string? name, string field)
    {
        await using var core = await CoreHarness.StartAsync();

        var setup = await Invitations(core).CreateAdminAsync(email, name, None);

        Assert.False(setup.Succeeded);
        Assert.True(setup.Errors.ContainsKey(field));
        Assert.Null(setup.SetPasswordLink);
    }
}
