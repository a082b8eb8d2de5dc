using System.Text.Json;
using Eps.Core.Audit;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Pharmacies;

public sealed class PharmacyAdministrationTests
{
    private static readonly PharmacyDraft Ikeja = new("PHB-PH-400404", "Ikeja Family Pharmacy", "12 Allen Avenue", "Lagos", "100271",
        "+234 805 555 0101", "ikeja@pharmacy.eps.test");

    [Theory]
    [InlineData("")]
    [InlineData("PHB-PH-12345")]
    [InlineData("PHB-PH-1234567")]
    [InlineData("PHB-RX-123456")]
    [InlineData("PHB-PH-12345A")]
    [InlineData("PHBPH123456")]
    public async Task A_code_that_is_not_PHB_PH_and_six_digits_is_refused_in_the_code_field(string code)
    {
        await using var core = await CoreHarness.StartAsync();

        var result = await Pharmacies(core).CreateAsync(await core.ActorAsync(Admin), Ikeja with { Code = code }, None);

        Assert.False(result.Succeeded);
        Assert.Contains("PHB-PH-", Assert.Single(result.Errors).Value, StringComparison.Ordinal);
        Assert.Equal("code", result.Errors.Keys.Single());
    }

    [Fact]
    public async Task Every_field_is_checked_and_answered_by_name()
    {
        await using var core = await CoreHarness.StartAsync();

        var result = await Pharmacies(core).CreateAsync(await core.ActorAsync(Admin),
            new PharmacyDraft(" ", "", "", "", "10100", "call me", "not-an-email"), None);

        Assert.False(result.Succeeded);
        Assert.Equal(["address", "city", "code", "email", "name", "phone", "postcode"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Opening_hours_are_optional_kept_trimmed_audited_and_at_most_200_characters()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);

        var tooLong = await Pharmacies(core).CreateAsync(admin, Ikeja with { OpeningHours = new string('x', 201) }, None);
        var created = await Pharmacies(core).CreateAsync(admin, Ikeja with { OpeningHours = "  " }, None);
        var id = (await Pharmacies(core).ListAsync(admin, None)).Single(p => p.Code == Ikeja.Code).Id;
        var edited = await Pharmacies(core).UpdateAsync(admin, id, Ikeja with { OpeningHours = " Mon–Sat 8:00–20:00 " }, None);

        Assert.Equal("opening_hours", Assert.Single(tooLong.Errors).Key);
        Assert.True(created.Succeeded, created.Message);
        Assert.True(edited.Succeeded, edited.Message);
        Assert.Equal("Mon–Sat 8:00–20:00", (await Pharmacies(core).ListAsync(admin, None)).Single(p => p.Id == id).OpeningHours);
        await using var db = await core.DbAsync();
        var entry = await db.AuditEntries.Where(e => e.Kind == PharmacyAdministration.Updated).OrderBy(e => e.Sequence).LastAsync();
        Assert.Contains("opening_hours", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_in_use_is_refused_whatever_its_case_and_a_lower_case_new_code_is_stored_in_capitals()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);

        var taken = await Pharmacies(core).CreateAsync(admin, Ikeja with { Code = "phb-ph-100101" }, None);
        var created = await Pharmacies(core).CreateAsync(admin, Ikeja with { Code = " phb-ph-400404 " }, None);
        var again = await Pharmacies(core).CreateAsync(admin, Ikeja with { Name = "Another" }, None);

        Assert.False(taken.Succeeded);
        Assert.Contains("already the code of another pharmacy", taken.Errors["code"], StringComparison.Ordinal);
        Assert.True(created.Succeeded, created.Message);
        Assert.False(again.Succeeded);
        Assert.True(again.Errors.ContainsKey("code"));
        await using var db = await core.DbAsync();
        Assert.Equal(1, await db.Pharmacies.CountAsync(p => p.Code == "PHB-PH-400404"));
    }

    [Fact]
    public async Task Creating_and_editing_are_audited_with_who_and_the_fields_before_and_after()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        Assert.True((await Pharmacies(core).CreateAsync(admin, Ikeja, None)).Succeeded);
        var id = await PharmacyIdAsync(core, Ikeja.Code);

        var edited = await Pharmacies(core).UpdateAsync(admin, id, Ikeja with { Name = "Ikeja Community Pharmacy", Phone = "+234 805 555 0199" }, None);
        var unchanged = await Pharmacies(core).UpdateAsync(admin, id, Ikeja with { Name = "Ikeja Community Pharmacy", Phone = "+234 805 555 0199" }, None);

        Assert.True(edited.Succeeded, edited.Message);
        Assert.True(unchanged.Succeeded, unchanged.Message);
        await using var db = await core.DbAsync();
        var entries = await db.AuditEntries.Where(e => e.Subject == Ikeja.Code).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([PharmacyAdministration.Created, PharmacyAdministration.Updated], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(admin.UserId, e.ActorUserId));
        using var created = JsonDocument.Parse(entries[0].Details);
        Assert.False(created.RootElement.TryGetProperty("before", out _), "a new pharmacy has no before");
        Assert.Equal("ikeja@pharmacy.eps.test", created.RootElement.GetProperty("after").GetProperty("email").GetString());
        using var update = JsonDocument.Parse(entries[1].Details);
        var before = update.RootElement.GetProperty("before");
        var after = update.RootElement.GetProperty("after");
        Assert.Equal(["name", "phone"], after.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Ikeja Family Pharmacy", before.GetProperty("name").GetString());
        Assert.Equal("Ikeja Community Pharmacy", after.GetProperty("name").GetString());
        Assert.True((await core.Get<AuditVerifier>().VerifyAsync(None)).Intact);
    }

    [Fact]
    public async Task The_code_printed_on_issued_tokens_cannot_change_but_other_details_can()
    {
        await using var core = await CoreHarness.StartAsync();
        await Scenario.IssueAsync(core.Services);
        var admin = await core.ActorAsync(Admin);
        var lagos = await PharmacyIdAsync(core, Scenario.Lagos);
        var current = PharmacyDraft.Of((await core.Get<PharmacyDirectory>().FindAsync(lagos, None))!);

        var recoded = await Pharmacies(core).UpdateAsync(admin, lagos, current with { Code = "PHB-PH-100999" }, None);
        var renamed = await Pharmacies(core).UpdateAsync(admin, lagos, current with { Email = "orders@marina.eps.test" }, None);

        Assert.False(recoded.Succeeded);
        Assert.Contains("printed on this pharmacy's prescription tokens", recoded.Errors["code"], StringComparison.Ordinal);
        Assert.True(renamed.Succeeded, renamed.Message);
        Assert.Equal("orders@marina.eps.test", (await core.Get<PharmacyDirectory>().FindAsync(lagos, None))!.Email);
    }

    [Fact]
    public async Task A_deactivated_pharmacy_takes_no_nominations_but_its_prescriptions_still_queue_verify_and_dispense()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await Scenario.IssueAsync(core.Services);
        var admin = await core.ActorAsync(Admin);
        var lagos = await PharmacyIdAsync(core, Scenario.Lagos);

        var deactivated = await Pharmacies(core).DeactivateAsync(admin, lagos, None);
        var twice = await Pharmacies(core).DeactivateAsync(admin, lagos, None);

        Assert.True(deactivated.Succeeded, deactivated.Message);
        Assert.Contains("already", twice.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await core.Get<PharmacyDirectory>().SearchAsync("Marina", 20, None), p => p.Id == lagos);
        Assert.DoesNotContain(await core.Get<PharmacyDirectory>().SearchAsync(null, 20, None), p => p.Id == lagos);
        Assert.DoesNotContain(await core.Get<PharmacyChoice>().SearchAsync("Marina", 20, None), p => p.Id == lagos);
        var amoxicillin = await DrugAsync(core, "Amoxicillin");
        var (refused, _) = await core.Get<PatientRequests>().SubmitAsync(await core.ActorAsync(Patient),
            new NewRequest(lagos, "Repeat", [new RequestedItem(amoxicillin.Id, "500 mg", 21, null)]), None);
        Assert.False(refused.Succeeded);
        Assert.Contains("take nominations", refused.Errors["pharmacy"], StringComparison.Ordinal);

        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var origin = new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId);
        var queue = await core.Get<QueueQuery>().PageAsync(lagos, new QueueFilter(), 0, 25, None);
        var verified = await core.Get<VerificationService>().VerifyAsync(new VerifyRequest(rx.Token, null, null, null, Scenario.Lagos, null), origin, None);
        var dispensed = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null), origin, None);

        Assert.Contains(queue.Rows, r => r.PrescriptionId == rx.RxNumber);
        Assert.True(verified.Valid, verified.Reason);
        Assert.True(dispensed.Succeeded, dispensed.Message);

        Assert.True((await Pharmacies(core).ReactivateAsync(admin, lagos, None)).Succeeded);
        Assert.Contains(await core.Get<PharmacyDirectory>().SearchAsync("Marina", 20, None), p => p.Id == lagos);
        await using var db = await core.DbAsync();
        var kinds = await db.AuditEntries.Where(e => e.Subject == Scenario.Lagos && e.Kind.StartsWith("pharmacy-"))
            .OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync();
        Assert.Equal([PharmacyAdministration.Deactivated, PharmacyAdministration.Reactivated], kinds);
    }

    [Fact]
    public async Task The_list_counts_linked_pharmacists_and_unexpired_pending_prescriptions()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        await Scenario.IssueAsync(core.Services);
        var collected = await Scenario.IssueAsync(core.Services);
        await Notifications.NotificationKit.DispenseAsync(core, collected.RxNumber);
        await Scenario.IssueAsync(core.Services, pharmacyCode: Scenario.Abuja, patientEmail: Patient2);

        var rows = await Pharmacies(core).ListAsync(admin, None);
        core.Time.Advance(TimeSpan.FromDays(31));
        var later = await Pharmacies(core).ListAsync(admin, None);

        var lagos = Assert.Single(rows, r => r.Code == Scenario.Lagos);
        Assert.Equal((1, 1), (lagos.StaffCount, lagos.PendingCount));
        Assert.Equal(1, Assert.Single(rows, r => r.Code == Scenario.Abuja).PendingCount);
        Assert.All(later, r => Assert.Equal(0, r.PendingCount));
        Assert.Empty(await Pharmacies(core).ListAsync(await core.ActorAsync(Patient), None));
    }

    [Fact]
    public async Task Only_an_admin_changes_pharmacies()
    {
        await using var core = await CoreHarness.StartAsync();
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        var created = await Pharmacies(core).CreateAsync(pharmacist, Ikeja, None);
        var deactivated = await Pharmacies(core).DeactivateAsync(pharmacist, pharmacist.PharmacyId!.Value, None);

        Assert.False(created.Succeeded);
        Assert.False(deactivated.Succeeded);
        await using var db = await core.DbAsync();
        Assert.False(await db.Pharmacies.AnyAsync(p => p.Code == Ikeja.Code || p.DeactivatedAt != null));
    }

    private static PharmacyAdministration Pharmacies(CoreHarness core) => core.Get<PharmacyAdministration>();
}
