using System.Diagnostics;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Queue;

/// <summary>A monotonic millisecond clock for the server side of the push measurement.</summary>
internal sealed class BenchClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public double NowMs => Stopwatch.GetElapsedTime(_origin).TotalMilliseconds;
}

/// <summary>One approval's server-side times on <see cref="BenchClock"/>.</summary>
internal sealed record Approved(string PrescriptionId, double StartedAt, double CommittedAt);

/// <summary>
/// Issues prescriptions the way a doctor does, through the core services the pages use: the demo patient requests
/// paracetamol at the Lagos pharmacy, the demo doctor approves it (as Eps.E2E's DemoScenario).
/// </summary>
internal sealed class Approver(IServiceProvider services, Actor patient, Actor doctor, int drugId, int pharmacyId)
{
    public const string PharmacyCode = "PHB-PH-100101";

    public static async Task<Approver> CreateAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        var actors = services.GetRequiredService<ActorDirectory>();
        var patient = (await actors.FindAsync(await UserIdAsync(db, "patient@eps.test"), default))!;
        var doctor = (await actors.FindAsync(await UserIdAsync(db, "doctor@eps.test"), default))!;
        var drug = await db.Drugs.SingleAsync(d => d.GenericName == "Paracetamol");
        var pharmacy = await db.Pharmacies.SingleAsync(p => p.Code == PharmacyCode);
        return new Approver(services, patient, doctor, drug.Id, pharmacy.Id);
    }

    /// <summary>Submits and approves one request; <see cref="Approved.CommittedAt"/> is taken when the approval has returned.</summary>
    public async Task<Approved> ApproveAsync(BenchClock clock)
    {
        var (submitted, reference) = await services.GetRequiredService<PatientRequests>().SubmitAsync(
            patient, new NewRequest(pharmacyId, "Back pain", [new RequestedItem(drugId, "500 mg", 32, null)]), default);
        if (!submitted.Succeeded)
        {
            throw new InvalidOperationException($"Request not submitted: {submitted.Message}");
        }

        int itemId;
        int requestId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync())
        {
            var request = await db.PrescriptionRequests.AsNoTracking().Include(r => r.Items).SingleAsync(r => r.Reference == reference);
            (requestId, itemId) = (request.Id, request.Items[0].Id);
        }

        var started = clock.NowMs;
        var approval = await services.GetRequiredService<Reviews>().ApproveAsync(doctor, requestId,
            [new ItemDecision(itemId, true, "Two tablets up to four times a day", "Four times daily", 32, 0)], null, default);
        var committed = clock.NowMs;
        if (!approval.Succeeded)
        {
            throw new InvalidOperationException($"Approval failed: {approval.Message}");
        }

        return new Approved(approval.PrescriptionIds[0], started, committed);
    }

    /// <summary>
    /// Takes the prescription off the Pending tab without an event: the queue's next refresh drops it, so the pending
    /// count stays far below a page and every new row lands on the first page (pending is oldest first).
    /// </summary>
    public async Task RetireAsync(string prescriptionId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        await db.Prescriptions.Where(p => p.RxNumber == prescriptionId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PrescriptionState.Cancelled));
    }

    private static Task<string> UserIdAsync(EpsDbContext db, string email) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
}
