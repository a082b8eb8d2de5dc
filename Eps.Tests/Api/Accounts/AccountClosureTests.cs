using System.Net;
using System.Text.Json;
using Eps.Core.Accounts;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Api.Accounts.AccountForms;

namespace Eps.Tests.Api.Accounts;

/// <summary>
/// A patient closes their account from Account → Personal data. The prescription records stay (the regulator needs
/// them) and point at a record that no longer says who it was; the login is gone for good.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AccountClosureTests(EpsApp app)
{
    private const string Page = "/Account/Manage/DeletePersonalData";

    [Fact]
    public async Task A_patient_with_dispensed_history_closes_their_account_and_no_personal_data_is_left_on_their_rows()
    {
        const string name = "Ngozi Closure-Test";
        const string phone = "+234 803 999 0142";
        var email = NewEmail();
        using var patient = app.NewClient();
        Redirected(await RegisterAsync(patient, email, phone, name), "/");
        var rx = await Scenario.IssueAsync(app.Services, patientEmail: email);
        using (var desk = await Login.AsAsync(app, "pharmacist.lagos@eps.test"))
        {
            await Scenario.DispenseAsync(desk, rx, Scenario.Lagos, "Funmilayo Adeyemi");
        }

        string userId;
        await using (var db = await app.NewDbAsync())
        {
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            await db.Patients.Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(p => p.DateOfBirth, new DateOnly(1988, 4, 17)));
        }

        var page = await patient.GetStringAsync(Page);
        Assert.DoesNotContain("data-testid=\"closure-refused\"", page, StringComparison.Ordinal);
        var response = await PostAsync(patient, Page, "delete-user", new() { ["Input.Password"] = Password });

        Redirected(response, "Account/Login");
        Assert.Contains("Your account is closed", await patient.GetStringAsync(response.Headers.Location!), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await patient.GetAsync("/Account/Manage")).StatusCode); // signed out
        Assert.NotEqual(HttpStatusCode.Redirect, (await Login.SignInAsync(app.NewClient(), email, Password)).StatusCode);

        await using var after = await app.NewDbAsync();
        var user = await after.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        var profile = await after.Patients.AsNoTracking().SingleAsync(p => p.UserId == userId);
        var rows = JsonSerializer.Serialize(user) + JsonSerializer.Serialize(profile);
        foreach (var personal in new[] { name, "Ngozi", email, email.ToUpperInvariant(), "803 999 0142", "1988-04-17" })
        {
            Assert.DoesNotContain(personal, rows, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(AccountClosure.ClosedName, user.FullName);
        Assert.EndsWith(AccountClosure.PlaceholderDomain, user.Email, StringComparison.Ordinal);
        Assert.Equal(user.Email, user.UserName);
        Assert.Null(user.PasswordHash);
        Assert.Null(user.PhoneNumber);
        Assert.Equal(DateTimeOffset.MaxValue, user.LockoutEnd);
        Assert.Null(profile.Phone);
        Assert.Null(profile.DateOfBirth);
        Assert.False(await after.UserRoles.AnyAsync(r => r.UserId == userId));
        Assert.False(await after.UserTokens.AnyAsync(t => t.UserId == userId));

        // The records stay, pointing at the anonymised profile, and the register keeps what the pharmacist recorded.
        var kept = await after.Prescriptions.AsNoTracking().SingleAsync(p => p.Id == rx.Id);
        Assert.Equal(profile.Id, kept.PatientId);
        Assert.Equal(PrescriptionState.Dispensed, kept.Status);
        var audit = await after.AuditEntries.AsNoTracking().SingleAsync(a => a.Kind == "account_closed" && a.Subject == userId);
        Assert.Equal(userId, audit.ActorUserId);
        foreach (var personal in new[] { name, email, phone })
        {
            Assert.DoesNotContain(personal, audit.Details, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_patient_with_a_prescription_waiting_for_collection_is_told_why_and_nothing_changes()
    {
        var email = NewEmail();
        using var patient = app.NewClient();
        await RegisterAsync(patient, email);
        await Scenario.IssueAsync(app.Services, patientEmail: email);

        var page = await patient.GetStringAsync(Page);
        Assert.Contains("data-testid=\"closure-refused\"", page, StringComparison.Ordinal);
        Assert.Contains("1 prescription waiting for collection", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Password\"", page, StringComparison.Ordinal);

        var response = await PostAsync(patient, Page, "delete-user", new() { ["Input.Password"] = Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("was not closed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await app.NewDbAsync();
        Assert.Equal("Chiamaka Obi", await db.Users.Where(u => u.Email == email).Select(u => u.FullName).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await Login.SignInAsync(app.NewClient(), email, Password)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_closes_nothing_and_staff_are_sent_to_an_administrator()
    {
        var email = NewEmail();
        using var patient = app.NewClient();
        await RegisterAsync(patient, email);

        var wrong = await PostAsync(patient, Page, "delete-user", new() { ["Input.Password"] = "not-my-password" });
        Assert.Contains("That password is not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Login.SignInAsync(app.NewClient(), email, Password)).StatusCode);

        using var doctor = await Login.AsAsync(app, "doctor@eps.test");
        var staff = await doctor.GetStringAsync(Page);
        Assert.Contains("Staff accounts are closed by an administrator", staff, StringComparison.Ordinal);
        var refused = await PostAsync(doctor, Page, "delete-user", new() { ["Input.Password"] = Eps.Core.Data.Seed.DemoData.Password });
        Assert.Contains("was not closed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
