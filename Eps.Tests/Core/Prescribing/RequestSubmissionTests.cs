using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

public sealed class RequestSubmissionTests
{
    [Fact]
    public async Task A_valid_request_is_submitted_with_its_items_and_its_pharmacy_becomes_the_default()
    {
        await using var core = await CoreHarness.StartAsync();
        var patient = await core.ActorAsync(Patient);
        var requests = core.Get<PatientRequests>();
        var abuja = await PharmacyIdAsync(core, Scenario.Abuja);
        var amoxicillin = await DrugAsync(core, "Amoxicillin");
        var warfarin = await DrugAsync(core, "Warfarin");

        var (result, reference) = await requests.SubmitAsync(patient, new NewRequest(abuja, "  Repeat for my chest infection ",
            [new(amoxicillin.Id, "500 mg", 21, " with food "), new(warfarin.Id, "5 mg", 28, null)]), None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Matches("^REQ-20261127-[A-Z2-9]{5}$", reference);
        var mine = Assert.Single(await requests.ListAsync(patient, None));
        Assert.Equal(reference, mine.Reference);
        Assert.Equal(RequestStatus.Submitted, mine.Status);
        Assert.Equal(CoreHarness.StartTime.UtcDateTime, mine.SubmittedAt);
        Assert.Equal("Repeat for my chest infection", mine.Reason);
        Assert.Equal(abuja, mine.PharmacyId);
        Assert.Collection(mine.Items,
            i => Assert.Equal(("Amoxicillin", "500 mg", "Capsule", 21, "with food", (bool?)null),
                (i.Medication, i.Strength, i.Form, i.QuantityRequested, i.Notes, i.Approved)),
            i => Assert.Equal(("Warfarin", "5 mg", "Tablet", 28, (string?)null, (bool?)null),
                (i.Medication, i.Strength, i.Form, i.QuantityRequested, i.Notes, i.Approved)));
        Assert.True(mine.HasHighRisk);
        Assert.Equal(["Submitted"], mine.Timeline.Select(t => t.Title));
        Assert.Equal(abuja, await requests.DefaultPharmacyAsync(patient, None));
    }

    [Theory]
    [InlineData("no items", "items")]
    [InlineData("no reason", "reason")]
    [InlineData("quantity 0", "items[0].quantity")]
    [InlineData("unknown strength", "items[0].strength")]
    [InlineData("unknown drug", "items[0].drug")]
    [InlineData("unknown pharmacy", "pharmacy")]
    [InlineData("no pharmacy", "pharmacy")]
    public async Task An_invalid_request_names_the_field_and_writes_nothing(string problem, string field)
    {
        await using var core = await CoreHarness.StartAsync();
        var patient = await core.ActorAsync(Patient);
        var requests = core.Get<PatientRequests>();
        var defaultBefore = await requests.DefaultPharmacyAsync(patient, None);
        var abuja = await PharmacyIdAsync(core, Scenario.Abuja);
        var amoxicillin = (await DrugAsync(core, "Amoxicillin")).Id;
        var valid = new NewRequest(abuja, "Repeat", [new(amoxicillin, "500 mg", 21, null)]);
        var request = problem switch
        {
            "no items" => valid with { Items = [] },
            "no reason" => valid with { Reason = "   " },
            "quantity 0" => valid with { Items = [new(amoxicillin, "500 mg", 0, null)] },
            "unknown strength" => valid with { Items = [new(amoxicillin, "750 mg", 21, null)] },
            "unknown drug" => valid with { Items = [new(999_999, "500 mg", 21, null)] },
            "unknown pharmacy" => valid with { PharmacyId = 999_999 },
            "no pharmacy" => valid with { PharmacyId = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var (result, reference) = await requests.SubmitAsync(patient, request, None);

        Assert.False(result.Succeeded);
        Assert.Null(reference);
        Assert.Contains(field, result.Errors.Keys);
        Assert.False(string.IsNullOrWhiteSpace(result.Errors[field]));
        await using var db = await core.DbAsync();
        Assert.Equal(0, await db.PrescriptionRequests.CountAsync());
        Assert.Equal(0, await db.PrescriptionRequestItems.CountAsync());
        Assert.Equal(defaultBefore, await requests.DefaultPharmacyAsync(patient, None));
    }

    [Fact]
    public async Task An_unknown_strength_error_lists_the_strengths_the_medicine_comes_in()
    {
        await using var core = await CoreHarness.StartAsync();
        var amoxicillin = (await DrugAsync(core, "Amoxicillin")).Id;
        var lagos = await PharmacyIdAsync(core, Scenario.Lagos);

        var (result, _) = await core.Get<PatientRequests>().SubmitAsync(await core.ActorAsync(Patient),
            new NewRequest(lagos, "Repeat", [new(amoxicillin, "750 mg", 21, null)]), None);

        Assert.Equal("Amoxicillin comes as 250 mg, 500 mg.", result.Errors["items[0].strength"]);
    }

    [Theory]
    [InlineData(Doctor)]
    [InlineData(LagosPharmacist)]
    [InlineData(Admin)]
    public async Task Only_a_patient_can_submit_a_request(string email)
    {
        await using var core = await CoreHarness.StartAsync();
        var amoxicillin = (await DrugAsync(core, "Amoxicillin")).Id;
        var lagos = await PharmacyIdAsync(core, Scenario.Lagos);

        var (result, reference) = await core.Get<PatientRequests>().SubmitAsync(await core.ActorAsync(email),
            new NewRequest(lagos, "Repeat", [new(amoxicillin, "500 mg", 21, null)]), None);

        Assert.False(result.Succeeded);
        Assert.Null(reference);
        await using var db = await core.DbAsync();
        Assert.Equal(0, await db.PrescriptionRequests.CountAsync());
    }
}
