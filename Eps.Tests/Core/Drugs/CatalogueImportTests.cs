using System.Text.Json;
using Eps.Core.Drugs;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Drugs;

public sealed class CatalogueImportTests
{
    private const string Header = "generic_name,strengths,form,category,schedule,risk_level,status\r\n";

    [Fact]
    public async Task The_export_is_RFC_4180_with_a_header_row_and_CRLF_line_ends()
    {
        await using var core = await CoreHarness.StartAsync();

        var csv = (await core.Get<CatalogueTransfer>().ExportAsync(await core.ActorAsync(Admin), None))!;

        Assert.StartsWith(Header, csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\r\nAmoxicillin,\"250 mg, 500 mg\",Capsule,Penicillin antibiotic,none,low,active\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\r\nDiazepam,\"2 mg, 5 mg, 10 mg\",Tablet,Benzodiazepine,3,moderate,active\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_changes_nothing_even_with_quotes_formula_like_cells_and_retired_drugs()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        Assert.True((await core.Get<CatalogueAdministration>().AddAsync(admin,
            new DrugDraft("Zinc \"chelated\" sulfate", "10 mg, 20 mg", "Tablet", "=Supplement, mineral", DrugSchedule.None, RiskLevel.Low), None)).Succeeded);
        Assert.True((await core.Get<CatalogueAdministration>().RetireAsync(admin, (await DrugAsync(core, "Ibuprofen")).Id, None)).Succeeded);
        var before = await CatalogueAsync(core);
        var entries = await AuditCountAsync(core);

        var csv = (await core.Get<CatalogueTransfer>().ExportAsync(admin, None))!;
        var result = await core.Get<CatalogueTransfer>().ImportAsync(admin, csv, None);

        Assert.Contains("'=Supplement, mineral", csv, StringComparison.Ordinal);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((0, 0, before.Count), (result.Added, result.Updated, result.Unchanged));
        Assert.Equal(before, await CatalogueAsync(core));
        Assert.Equal(entries, await AuditCountAsync(core));
    }

    [Fact]
    public async Task A_bad_row_is_reported_with_its_line_and_reason_and_nothing_is_imported()
    {
        await using var core = await CoreHarness.StartAsync();
        var before = await CatalogueAsync(core);
        var entries = await AuditCountAsync(core);
        var csv = Header
            + "Cefuroxime,\"250 mg, 500 mg\",Tablet,Antibiotic,none,low,active\r\n"       // 2: good
            + "Amoxicillin,\"250 mg, 500 mg\",Capsule,Penicillin antibiotic,4,low,active\r\n" // 3: no schedule 4
            + "Nystatin,\"100,000 units/mL\",\"Oral\r\nsuspension\",Antifungal,none,low,active\r\n" // 4-5: good, a line break in a field
            + "Dapsone,100 mg,Tablet,Antileprotic,none,severe,active\r\n"                     // 6: no such risk
            + "\r\n"                                                                             // 7: blank, skipped
            + "Cefuroxime,500 mg,Tablet,Antibiotic,none,low,active\r\n"                       // 8: repeats line 2
            + ",100 mg,Tablet,Antibiotic,2,high\r\n"                                             // 9: a field short
            + ",100 mg,,Antibiotic,2,high,active\r\n";                                           // 10: no name, no form

        var result = await core.Get<CatalogueTransfer>().ImportAsync(await core.ActorAsync(Admin), csv, None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Nothing was imported: 5 lines need correcting.", result.Message, StringComparison.Ordinal);
        Assert.Equal(
        [
            "Line 3, schedule: The NAFDAC schedule is none, 2 or 3.",
            "Line 6, risk_level: The risk level is low, moderate, moderate_high or high.",
            "Line 8, generic_name: Cefuroxime is already on line 2.",
            "Line 9: Expected 7 fields as in the header, found 6.",
            "Line 10, generic_name: Enter the generic name.",
            "Line 10, form: Enter the form (e.g. Tablet, Capsule, Syrup).",
        ], result.Errors.Select(e => e.ToString()));
        Assert.Equal(before, await CatalogueAsync(core));
        Assert.Equal(entries, await AuditCountAsync(core));
    }

    [Theory]
    [InlineData("", "Line 1: The file is empty")]
    [InlineData("name,strengths\r\nX,1 mg\r\n", "Line 1: The header row must name the columns")]
    [InlineData("generic_name,strengths,form,category,schedule,risk_level,status,notes\r\n", "unknown notes")]
    [InlineData("generic_name,strengths,form,category,schedule,risk_level,status\r\n", "a header row but no drugs")]
    [InlineData("generic_name,strengths,form,category,schedule,risk_level\r\nX,\"1 mg\"x,Tablet,A,none,low\r\n", "Line 2: A quote is out of place")]
    public async Task A_file_that_is_not_a_catalogue_is_refused_with_where_and_why(string csv, string expected)
    {
        await using var core = await CoreHarness.StartAsync();

        var result = await core.Get<CatalogueTransfer>().ImportAsync(await core.ActorAsync(Admin), csv, None);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, string.Join('\n', [result.Message, .. result.Errors.Select(e => e.ToString())]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_update_drugs_of_the_same_name_in_any_case_add_new_ones_and_are_audited_with_their_line()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        // No status column: the drugs keep theirs.
        var csv = "Generic_Name,Strengths,Form,Category,Schedule,Risk_Level\r\n"
            + "amoxicillin,\"250 mg, 500 mg\",Capsule,Penicillin antibiotic,none,high\r\n"
            + "Cefuroxime,\"250 mg, 500 mg\",Tablet,Antibiotic,Schedule 3,Moderate-high\r\n"
            + "Paracetamol,\"500 mg, 1 g\",Tablet,Analgesic,none,low\r\n";

        var result = await core.Get<CatalogueTransfer>().ImportAsync(admin, csv, None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((1, 1, 1), (result.Added, result.Updated, result.Unchanged));
        var amoxicillin = await DrugAsync(core, "amoxicillin");
        Assert.Equal(RiskLevel.High, amoxicillin.RiskLevel);
        var cefuroxime = await DrugAsync(core, "Cefuroxime");
        Assert.Equal((DrugSchedule.Schedule3, RiskLevel.ModerateHigh, (DateTime?)null), (cefuroxime.Schedule, cefuroxime.RiskLevel, cefuroxime.RetiredAt));

        await using var db = await core.DbAsync();
        var entries = await db.AuditEntries.Where(e => e.Kind.StartsWith("drug-")).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([(CatalogueAdministration.Updated, "amoxicillin"), (CatalogueAdministration.Added, "Cefuroxime")], entries.Select(e => (e.Kind, e.Subject)));
        Assert.All(entries, e => Assert.Equal(admin.UserId, e.ActorUserId));
        using var update = JsonDocument.Parse(entries[0].Details);
        Assert.Equal(2, update.RootElement.GetProperty("line").GetInt32());
        Assert.Equal("Amoxicillin", update.RootElement.GetProperty("before").GetProperty("generic_name").GetString());
        Assert.Equal("low", update.RootElement.GetProperty("before").GetProperty("risk_level").GetString());
        Assert.Equal("high", update.RootElement.GetProperty("after").GetProperty("risk_level").GetString());
    }

    [Fact]
    public async Task The_status_column_retires_and_restores()
    {
        await using var core = await CoreHarness.StartAsync();
        var admin = await core.ActorAsync(Admin);
        var csv = Header
            + "Amoxicillin,\"250 mg, 500 mg\",Capsule,Penicillin antibiotic,none,low,retired\r\n";

        Assert.True((await core.Get<CatalogueTransfer>().ImportAsync(admin, csv, None)).Succeeded);
        Assert.NotNull((await DrugAsync(core, "Amoxicillin")).RetiredAt);
        Assert.True((await core.Get<CatalogueTransfer>().ImportAsync(admin, csv.Replace(",retired", ",active", StringComparison.Ordinal), None)).Succeeded);
        Assert.Null((await DrugAsync(core, "Amoxicillin")).RetiredAt);
    }

    private static async Task<List<string>> CatalogueAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        var drugs = await db.Drugs.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        return drugs.ConvertAll(d => $"{d.Id}|{d.GenericName}|{d.Strengths}|{d.Form}|{d.Category}|{d.Schedule}|{d.RiskLevel}|{d.RetiredAt:O}");
    }

    private static async Task<int> AuditCountAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        return await db.AuditEntries.CountAsync();
    }
}
