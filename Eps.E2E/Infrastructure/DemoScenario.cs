using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.E2E.Infrastructure;

/// <summary>Sets up state through the same core services the pages use, for journeys that start midway.</summary>
public static class DemoScenario
{
    /// <summary>The demo patient requests paracetamol at their Lagos pharmacy and the demo doctor approves it.</summary>
    public static async Task<string> IssueForDemoPatientAsync(this BrowserFixture fixture)
    {
        var services = fixture.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        var actors = services.GetRequiredService<ActorDirectory>();
        var patient = (await actors.FindAsync(await UserIdAsync(db, "patient@eps.test"), default))!;
        var doctor = (await actors.FindAsync(await UserIdAsync(db, "doctor@eps.test"), default))!;
        var drug = await db.Drugs.SingleAsync(d => d.GenericName == "Paracetamol");
        var pharmacy = await db.Pharmacies.SingleAsync(p => p.Code == "PHB-PH-100101");

        var (submitted, reference) = await services.GetRequiredService<PatientRequests>().SubmitAsync(
            patient, new NewRequest(pharmacy.Id, "Back pain", [new RequestedItem(drug.Id, "500 mg", 32, null)]), default);
        Assert.True(submitted.Succeeded, submitted.Message);
        var request = await db.PrescriptionRequests.Include(r => r.Items).SingleAsync(r => r.Reference == reference);

        var approval = await services.GetRequiredService<Reviews>().ApproveAsync(doctor, request.Id,
            [new ItemDecision(request.Items[0].Id, true, "Two tablets up to four times a day", "Four times daily", 32, 0)], null, default);
        Assert.True(approval.Succeeded, approval.Message);
        return approval.PrescriptionIds[0];
    }

    private static Task<string> UserIdAsync(EpsDbContext db, string email) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
}
