using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Core.Prescribing;

/// <summary>The demo cast and the steps most prescribing tests start from, done through the real services.</summary>
internal static class PrescribingKit
{
    public const string Patient = "patient@eps.test";
    public const string Patient2 = "patient2@eps.test";
    public const string Doctor = "doctor@eps.test";
    public const string LagosPharmacist = "pharmacist.lagos@eps.test";
    public const string AbujaPharmacist = "pharmacist.abuja@eps.test";
    public const string Admin = "admin@eps.test";

    public static readonly CancellationToken None = CancellationToken.None;

    public static async Task<Drug> DrugAsync(CoreHarness core, string genericName)
    {
        await using var db = await core.DbAsync();
        return await db.Drugs.AsNoTracking().SingleAsync(d => d.GenericName == genericName);
    }

    public static async Task<int> PharmacyIdAsync(CoreHarness core, string code)
    {
        await using var db = await core.DbAsync();
        return await db.Pharmacies.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
    }

    /// <summary>The demo patient asks the Lagos pharmacy for the given medicines; returns the new request's id.</summary>
    public static async Task<int> SubmitAsync(CoreHarness core, params (string Drug, string Strength, int Quantity)[] items)
    {
        var patient = await core.ActorAsync(Patient);
        var lagos = await PharmacyIdAsync(core, Scenario.Lagos);
        var requested = new List<RequestedItem>();
        foreach (var (drug, strength, quantity) in items)
        {
            requested.Add(new RequestedItem((await DrugAsync(core, drug)).Id, strength, quantity, null));
        }

        var (result, reference) = await core.Get<PatientRequests>()
            .SubmitAsync(patient, new NewRequest(lagos, "Repeat of my usual medicines", requested), None);
        Assert.True(result.Succeeded, result.Message);

        await using var db = await core.DbAsync();
        return await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
    }

    /// <summary>Submits one course of amoxicillin.</summary>
    public static Task<int> SubmitAmoxicillinAsync(CoreHarness core) => SubmitAsync(core, ("Amoxicillin", "500 mg", 21));

    /// <summary>The request as the doctor's review page shows it.</summary>
    public static async Task<RequestView> ViewAsync(CoreHarness core, int requestId)
    {
        var doctor = await core.ActorAsync(Doctor);
        var review = await core.Get<Reviews>().GetAsync(doctor, requestId, None);
        return Assert.IsType<ReviewView>(review).Request;
    }

    /// <summary>Decisions approving every item of the request as asked, one capsule three times a day.</summary>
    public static async Task<IReadOnlyList<ItemDecision>> ApproveAllAsync(CoreHarness core, int requestId) =>
        [.. (await ViewAsync(core, requestId)).Items.Select(i =>
            new ItemDecision(i.Id, true, "Take one capsule", "Three times daily", i.QuantityRequested, 0))];

    /// <summary>Submits and approves one amoxicillin request; returns the issued prescription as stored.</summary>
    public static async Task<Prescription> IssueAsync(CoreHarness core)
    {
        var requestId = await SubmitAmoxicillinAsync(core);
        var result = await core.Get<Approvals>()
            .ApproveAsync(await core.ActorAsync(Doctor), requestId, await ApproveAllAsync(core, requestId), "Repeat", None);
        Assert.True(result.Succeeded, result.Message);

        await using var db = await core.DbAsync();
        return await db.Prescriptions.AsNoTracking().SingleAsync(p => p.RxNumber == result.PrescriptionIds[0]);
    }

    public static async Task<int> PrescriptionCountAsync(CoreHarness core, int requestId)
    {
        await using var db = await core.DbAsync();
        return await db.Prescriptions.CountAsync(p => p.RequestId == requestId);
    }
}
