using System.Text.Json;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Drugs;

public sealed class CatalogueAdministrationTests
{
    private static readonly DrugDraft Cefuroxime = new("Cefuroxime", "250 mg,500 mg ", "Tablet", "Antibiotic", DrugSchedule.None, RiskLevel.Low);

    [Fact]
    public async Task Every_field_is_checked_and_answered_by_name()
    {
        await using var core = await CoreHarness.StartAsync();

        var result = await Drugs(core).AddAsync(await core.ActorAsync(Admin),
            new DrugDraft(" ", ", ,", "", new string('x', 81), (DrugSchedule)1, (RiskLevel)9), None);

        Assert.False(result.Succeeded);
        Assert.Equal(["category", "form", "generic_name", "risk_level", "schedule", "strengths"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_generic_name_already_in_the_catalogue_is_refused_whatever_its_case()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var amoxicillin = await DrugAsync(core, "Amoxicillin");

        var added = await Drugs(core).AddAsync(admin, Cefuroxime with { GenericName = "AMOXICILLIN" }, None);
        var renamed = await Drugs(core).UpdateAsync(admin, (await DrugAsync(core, "Diazepam")).Id, DrugDraft.Of(amoxicillin) with { GenericName = "amoxicillin" }, None);

        Assert.Contains("already in the catalogue", added.Errors["generic_name"], StringComparison.Ordinal);
        Assert.Contains("already in the catalogue", renamed.Errors["generic_name"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_editing_retiring_and_restoring_are_audited_with_who_and_the_fields_before_and_after()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);

        Assert.True((await Drugs(core).AddAsync(admin, Cefuroxime, None)).Succeeded);
        var drug = await DrugAsync(core, "Cefuroxime");
        Assert.Equal("250 mg, 500 mg", drug.Strengths);
        Assert.True((await Drugs(core).UpdateAsync(admin, drug.Id, DrugDraft.Of(drug) with { RiskLevel = RiskLevel.High }, None)).Succeeded);
        Assert.True((await Drugs(core).RetireAsync(admin, drug.Id, None)).Succeeded);
        Assert.Contains("already", (await Drugs(core).RetireAsync(admin, drug.Id, None)).Message, StringComparison.Ordinal);
        Assert.True((await Drugs(core).RestoreAsync(admin, drug.Id, None)).Succeeded);

        await using var db = await core.DbAsync();
        var entries = await db.AuditEntries.Where(e => e.Subject == "Cefuroxime").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([CatalogueAdministration.Added, CatalogueAdministration.Updated, CatalogueAdministration.Retired, CatalogueAdministration.Restored],
            entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(admin.UserId, e.ActorUserId));
        using var edit = JsonDocument.Parse(entries[1].Details);
        Assert.Equal("low", edit.RootElement.GetProperty("before").GetProperty("risk_level").GetString());
        Assert.Equal("high", edit.RootElement.GetProperty("after").GetProperty("risk_level").GetString());
        Assert.Single(edit.RootElement.GetProperty("after").EnumerateObject());
        using var retire = JsonDocument.Parse(entries[2].Details);
        Assert.Equal(JsonValueKind.Null, retire.RootElement.GetProperty("before").GetProperty("retired_at").ValueKind);
        Assert.StartsWith("2026-11-27T", retire.RootElement.GetProperty("after").GetProperty("retired_at").GetString(), StringComparison.Ordinal);
        Assert.Null((await DrugAsync(core, "Cefuroxime")).RetiredAt);
    }

    [Fact]
    public async Task A_retired_drug_is_not_offered_and_not_requestable()
    {
        await using var core = await CoreHarness.StartAsync();
        var amoxicillin = await DrugAsync(core, "Amoxicillin");
        Assert.True((await Drugs(core).RetireAsync(await core.ActorAsync(Admin), amoxicillin.Id, None)).Succeeded);

        var offered = await core.Get<Catalogue>().SearchAsync("amox", 20, None);
        var (result, reference) = await core.Get<PatientRequests>().SubmitAsync(await core.ActorAsync(Patient),
            new NewRequest(await PharmacyIdAsync(core, Scenario.Lagos), "Repeat", [new RequestedItem(amoxicillin.Id, "500 mg", 21, null)]), None);

        Assert.DoesNotContain(offered, d => d.Id == amoxicillin.Id);
        Assert.False(result.Succeeded);
        Assert.Null(reference);
        Assert.Contains("withdrawn from the catalogue", result.Errors["items[0].drug"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drug_retired_after_the_request_was_made_cannot_be_approved_and_nothing_is_issued()
    {
        await using var core = await CoreHarness.StartAsync();
        var requestId = await SubmitAmoxicillinAsync(core);
        var admin = await core.ActorAsync(Admin);
        var amoxicillin = await DrugAsync(core, "Amoxicillin");
        Assert.True((await Drugs(core).RetireAsync(admin, amoxicillin.Id, None)).Succeeded);

        var refused = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId, await ApproveAllAsync(core, requestId), null, None);

        Assert.False(refused.Succeeded);
        Assert.Contains("Amoxicillin was withdrawn from the catalogue after this request was made", refused.Message, StringComparison.Ordinal);
        Assert.Empty(refused.PrescriptionIds);
        Assert.Equal(0, await PrescriptionCountAsync(core, requestId));
        Assert.Equal(RequestStatus.Submitted, (await ViewAsync(core, requestId)).Status);

        Assert.True((await Drugs(core).RestoreAsync(admin, amoxicillin.Id, None)).Succeeded);
        var approved = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId, await ApproveAllAsync(core, requestId), null, None);
        Assert.True(approved.Succeeded, approved.Message);
    }

    [Fact]
    public async Task A_schedule_change_reaches_approvals_of_earlier_requests_through_the_signing_rule()
    {
        await using var core = await CoreHarness.StartAsync();
        var requestId = await SubmitAmoxicillinAsync(core);
        var amoxicillin = await DrugAsync(core, "Amoxicillin");
        var changed = await Drugs(core).UpdateAsync(await core.ActorAsync(Admin), amoxicillin.Id,
            DrugDraft.Of(amoxicillin) with { Schedule = DrugSchedule.Schedule3 }, None);
        Assert.True(changed.Succeeded, changed.Message);

        var unsigned = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId, await ApproveAllAsync(core, requestId), null, None);

        Assert.False(unsigned.Succeeded);
        Assert.True(unsigned.Errors!.ContainsKey(ControlledSigning.Field));
        Assert.Equal(0, await PrescriptionCountAsync(core, requestId));
    }

    [Fact]
    public async Task Only_an_admin_changes_the_catalogue()
    {
        await using var core = await CoreHarness.StartAsync();
        var doctor = await core.ActorAsync(Doctor);

        Assert.False((await Drugs(core).AddAsync(doctor, Cefuroxime, None)).Succeeded);
        Assert.False((await Drugs(core).RetireAsync(doctor, (await DrugAsync(core, "Amoxicillin")).Id, None)).Succeeded);
        Assert.Empty(await Drugs(core).ListAsync(doctor, None));
        Assert.Null(await core.Get<CatalogueTransfer>().ExportAsync(doctor, None));
        await using var db = await core.DbAsync();
        Assert.False(await db.Drugs.AnyAsync(d => d.GenericName == "Cefuroxime" || d.RetiredAt != null));
    }

    private static CatalogueAdministration Drugs(CoreHarness core) => core.Get<CatalogueAdministration>();
}
