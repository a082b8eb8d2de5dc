using Eps.Core.Accounts;
using Eps.Core.Dispensing;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Dispensing;

/// <summary>An item approved with repeats, and its collection at the Lagos counter, through the real services.</summary>
internal static class RepeatKit
{
    /// <summary>The demo doctor approves one course of amoxicillin with <paramref name="repeats"/> repeats.</summary>
    public static async Task<Prescription> ApproveWithRepeatsAsync(CoreHarness core, int repeats)
    {
        var requestId = await SubmitAmoxicillinAsync(core);
        var decisions = (await ApproveAllAsync(core, requestId)).Select(d => d with { Refills = repeats }).ToList();
        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId, decisions, "Repeat", None);
        Assert.True(result.Succeeded, result.Message);
        return await StoredAsync(core, result.PrescriptionIds[0]);
    }

    public static async Task<Prescription> StoredAsync(CoreHarness core, string rxNumber)
    {
        await using var db = await core.DbAsync();
        return await db.Prescriptions.AsNoTracking().SingleAsync(p => p.RxNumber == rxNumber);
    }

    /// <summary>The prescriptions of the item <paramref name="rx"/> belongs to, original first.</summary>
    public static async Task<List<Prescription>> ChainAsync(CoreHarness core, Prescription rx)
    {
        await using var db = await core.DbAsync();
        return await db.Prescriptions.AsNoTracking().Where(p => p.RequestItemId == rx.RequestItemId).OrderBy(p => p.RepeatNumber).ToListAsync();
    }

    public static RequestOrigin Counter(Actor pharmacist) => new("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId);

    public static Task<DispenseOutcome> DispenseAsync(CoreHarness core, Prescription rx, Actor pharmacist) =>
        core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null), Counter(pharmacist), None);

    public static Task<VerificationOutcome> VerifyAsync(CoreHarness core, Prescription rx, RequestOrigin caller) =>
        core.Get<VerificationService>().VerifyAsync(new VerifyRequest(rx.Token, null, null, null, Scenario.Lagos, null), caller, None);
}
