using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

/// <summary>A prescription keeps the schedule and risk its drug had when it was issued, whatever the catalogue says later.</summary>
public sealed class CatalogueChangeTests
{
    [Fact]
    public async Task Declassifying_a_drug_leaves_issued_prescriptions_controlled_at_the_counter_and_in_the_queue()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await Scenario.IssueAsync(core.Services, drug: "Diazepam");
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        await using (var db = await core.DbAsync())
        {
            await db.Drugs.Where(d => d.GenericName == "Diazepam")
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Schedule, DrugSchedule.None).SetProperty(d => d.RiskLevel, RiskLevel.Low));
        }

        var verified = await core.Get<VerificationService>().VerifyAsync(
            new VerifyRequest(rx.Token, null, null, null, Scenario.Lagos, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None);
        var queue = await core.Get<QueueQuery>().PageAsync(pharmacist.PharmacyId!.Value, new QueueFilter(), 0, 25, None);
        var withoutId = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None);

        Assert.True(verified.Valid, verified.Reason);
        Assert.True(verified.Prescription!.IsControlled);
        Assert.Equal("Schedule 3", verified.Prescription.Schedule);
        Assert.Equal(Priority.Controlled, Assert.Single(queue.Rows).Priority);
        Assert.Equal(1, queue.Stats.Controlled);
        Assert.False(withoutId.Succeeded, "a Schedule 3 prescription still needs the patient's ID after the drug was declassified");
    }

    [Fact]
    public async Task A_new_prescription_takes_the_catalogue_as_it_is_when_approved()
    {
        await using var core = await CoreHarness.StartAsync();
        await using (var db = await core.DbAsync())
        {
            await db.Drugs.Where(d => d.GenericName == "Amoxicillin")
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RiskLevel, RiskLevel.High));
        }

        var rx = await IssueAsync(core);

        Assert.Equal((DrugSchedule.None, RiskLevel.High), (rx.Schedule, rx.RiskLevel));
    }
}
