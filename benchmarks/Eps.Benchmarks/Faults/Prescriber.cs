using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Faults;

/// <summary>One approval as the workload reports it: the request and every prescription it issued.</summary>
internal sealed record IssuedRequest(string Reference, IReadOnlyList<string> PrescriptionIds);

/// <summary>
/// Submits and approves three-item requests through the core services, as a patient and a doctor do in the pages:
/// three items per approval, so a half-written approval would show as a request with fewer than three prescriptions.
/// </summary>
internal sealed class Prescriber(IServiceProvider services, Actor patient, Actor doctor, IReadOnlyList<(int DrugId, string Strength, int Quantity)> items)
{
    public const string Lagos = "PHB-PH-100101";

    private static readonly (string Drug, string Strength, int Quantity)[] Medicines =
        [("Paracetamol", "500 mg", 32), ("Amoxicillin", "500 mg", 21), ("Metformin", "500 mg", 56)];

    public static async Task<Prescriber> CreateAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        var actors = services.GetRequiredService<ActorDirectory>();
        var patient = (await actors.FindAsync(await UserIdAsync(db, "patient@eps.test"), default))!;
        var doctor = (await actors.FindAsync(await UserIdAsync(db, "doctor@eps.test"), default))!;
        var items = new List<(int, string, int)>();
        foreach (var (drug, strength, quantity) in Medicines)
        {
            items.Add((await db.Drugs.Where(d => d.GenericName == drug).Select(d => d.Id).SingleAsync(), strength, quantity));
        }

        return new Prescriber(services, patient, doctor, items);
    }

    public static async Task<int> PharmacyIdAsync(IServiceProvider services, string code)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        return await db.Pharmacies.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
    }

    /// <summary>Submits a request for the three medicines at <paramref name="pharmacyId"/> and approves every item.</summary>
    public async Task<IssuedRequest> IssueAsync(int pharmacyId, CancellationToken cancellationToken)
    {
        var (submitted, reference) = await services.GetRequiredService<PatientRequests>().SubmitAsync(patient,
            new NewRequest(pharmacyId, "Repeat of my usual medicines", [.. items.Select(i => new RequestedItem(i.DrugId, i.Strength, i.Quantity, null))]),
            cancellationToken);
        if (!submitted.Succeeded)
        {
            throw new InvalidOperationException($"Request not submitted: {submitted.Message}");
        }

        int requestId;
        List<int> itemIds;
        await using (var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            var request = await db.PrescriptionRequests.AsNoTracking().Include(r => r.Items)
                .SingleAsync(r => r.Reference == reference, cancellationToken);
            (requestId, itemIds) = (request.Id, [.. request.Items.OrderBy(i => i.Id).Select(i => i.Id)]);
        }

        var decisions = itemIds.Select((id, i) => new ItemDecision(id, true, "As directed", "Daily", items[i].Quantity, 0)).ToList();
        var approval = await services.GetRequiredService<Reviews>().ApproveAsync(doctor, requestId, decisions, null, cancellationToken);
        return approval.Succeeded
            ? new IssuedRequest(reference!, approval.PrescriptionIds)
            : throw new InvalidOperationException($"Approval failed: {approval.Message}");
    }

    private static Task<string> UserIdAsync(EpsDbContext db, string email) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
}
