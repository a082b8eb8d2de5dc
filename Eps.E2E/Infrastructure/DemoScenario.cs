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
        var requestId = await fixture.SubmitForDemoPatientAsync("Back pain");
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        var doctor = (await services.GetRequiredService<ActorDirectory>().FindAsync(await UserIdAsync(db, "doctor@eps.test"), default))!;
        var request = await db.PrescriptionRequests.Include(r => r.Items).SingleAsync(r => r.Id == requestId);

        var approval = await services.GetRequiredService<Reviews>().ApproveAsync(doctor, request.Id,
            [new ItemDecision(request.Items[0].Id, true, "Two tablets up to four times a day", "Four times daily", 32, 0)], null, default);
        Assert.True(approval.Succeeded, approval.Message);
        return approval.PrescriptionIds[0];
    }

    /// <summary>The demo patient requests paracetamol at their Lagos pharmacy; returns the request's id (it awaits triage).</summary>
    public static async Task<int> SubmitForDemoPatientAsync(this BrowserFixture fixture, string reason)
    {
        var services = fixture.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        var patient = (await services.GetRequiredService<ActorDirectory>().FindAsync(await UserIdAsync(db, "patient@eps.test"), default))!;
        var drug = await db.Drugs.SingleAsync(d => d.GenericName == "Paracetamol");
        var pharmacy = await db.Pharmacies.SingleAsync(p => p.Code == "PHB-PH-100101");

        var (submitted, reference) = await services.GetRequiredService<PatientRequests>().SubmitAsync(
            patient, new NewRequest(pharmacy.Id, reason, [new RequestedItem(drug.Id, "500 mg", 32, null)]), default);
        Assert.True(submitted.Succeeded, submitted.Message);
        return await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
    }

    /// <summary>The user id of a demo account, for pages addressed by it.</summary>
    public static async Task<string> UserIdAsync(this BrowserFixture fixture, string email)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        return await UserIdAsync(db, email);
    }

    private static Task<string> UserIdAsync(EpsDbContext db, string email) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
}
