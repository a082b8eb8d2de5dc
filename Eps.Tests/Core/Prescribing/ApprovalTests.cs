using Eps.Core.Prescribing;
using Eps.Core.Tokens;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

public sealed class ApprovalTests
{
    [Fact]
    public async Task Approval_issues_one_signed_prescription_per_approved_item_and_none_for_the_rest()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21), ("Warfarin", "5 mg", 28), ("Tramadol", "50 mg", 10));
        var items = (await ViewAsync(core, id)).Items;
        var doctor = await core.ActorAsync(Doctor);
        ItemDecision[] decisions =
        [
            new(items[0].Id, true, " Take one capsule ", " Three times daily ", 15, 0),
            new(items[1].Id, false, "", "", 0, 0),
            new(items[2].Id, true, "One capsule when needed for pain", "Up to four times daily", 10, 2),
        ];

        var result = await core.Get<Approvals>().ApproveAsync(doctor, id, decisions, "Reviewed INR history",
            await SigningKit.CodeAsync(core.Services), None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, result.PrescriptionIds.Count);
        Assert.All(result.PrescriptionIds, rx => Assert.Matches(@"^PHB-RX-\d{8}$", rx));
        Assert.Equal(2, result.PrescriptionIds.Distinct().Count());

        await using var db = await core.DbAsync();
        var issued = await db.Prescriptions.AsNoTracking().Where(p => p.RequestId == id).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(result.PrescriptionIds, issued.Select(p => p.RxNumber));
        Assert.Equal([items[0].Id, items[2].Id], issued.Select(p => p.RequestItemId));
        Assert.Equal(2, issued.Select(p => p.Nonce).Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, issued.Select(p => p.Nonce));

        var issuedAt = CoreHarness.StartTime.UtcDateTime;
        var patient = await core.ActorAsync(Patient);
        var lagos = await PharmacyIdAsync(core, Scenario.Lagos);
        var codec = core.Get<PrescriptionTokenCodec>();
        (int Quantity, string Medication)[] expected = [(15, "Amoxicillin 500 mg"), (10, "Tramadol 50 mg")];
        foreach (var (prescription, (quantity, medication)) in issued.Zip(expected))
        {
            Assert.Equal(patient.PatientId, prescription.PatientId);
            Assert.Equal(doctor.DoctorId, prescription.PrescriberId);
            Assert.Equal(lagos, prescription.PharmacyId);
            Assert.Equal(issuedAt, prescription.IssuedAt);
            Assert.Equal(issuedAt.AddDays(30), prescription.ExpiresAt);
            Assert.Equal(PrescriptionState.PendingCollection, prescription.Status);
            Assert.Equal(quantity, prescription.Quantity);
            Assert.Equal("Reviewed INR history", prescription.Indication);

            var read = codec.Read(prescription.Token);
            Assert.Equal(TokenStatus.Valid, read.Status);
            Assert.Equal(prescription.KeyId, read.Kid);
            Assert.Equal(new TokenClaims(prescription.RxNumber, prescription.Nonce, "1234567890", medication, quantity,
                CoreHarness.StartTime.AddDays(30), Scenario.Lagos), read.Claims);
        }

        var after = (await ViewAsync(core, id)).Items;
        Assert.Equal((true, 15, "Take one capsule", "Three times daily", 0), Approved(after[0]));
        Assert.Equal((false, null, null, null, 0), Approved(after[1]));
        Assert.Equal((true, 10, "One capsule when needed for pain", "Up to four times daily", 2), Approved(after[2]));
    }

    [Fact]
    public async Task An_item_left_out_of_the_decisions_is_not_approved()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21), ("Warfarin", "5 mg", 28));
        var items = (await ViewAsync(core, id)).Items;

        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), id,
            [new(items[0].Id, true, "Take one capsule", "Three times daily", 21, 0)], null, None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Single(result.PrescriptionIds);
        Assert.Equal([true, false], (await ViewAsync(core, id)).Items.Select(i => i.Approved));
    }

    [Fact]
    public async Task The_patient_sees_the_new_prescriptions_pending_collection()
    {
        await using var core = await CoreHarness.StartAsync();
        var prescription = await IssueAsync(core);

        var mine = Assert.Single(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient), None));

        Assert.Equal(prescription.RxNumber, mine.RxNumber);
        Assert.Equal(PrescriptionState.PendingCollection, mine.State);
        Assert.Equal("Pending collection", mine.PatientStateLabel);
        Assert.Equal("Amoxicillin 500 mg", mine.MedicationDisplay);
        Assert.Equal(Scenario.Lagos, mine.Pharmacy.Code);
        Assert.Empty(await core.Get<Prescriptions>().ForPatientAsync(await core.ActorAsync(Patient2), None));
        Assert.Contains(await core.Get<Prescriptions>().IssuedByAsync(await core.ActorAsync(Doctor), 10, None),
            p => p.RxNumber == prescription.RxNumber);
    }

    [Theory]
    [InlineData("none selected", "items")]
    [InlineData("no dosage", "item-{0}.dosage")]
    [InlineData("no frequency", "item-{0}.frequency")]
    [InlineData("quantity 0", "item-{0}.quantity")]
    [InlineData("13 refills", "item-{0}.refills")]
    public async Task Invalid_decisions_name_the_field_and_leave_the_request_open(string problem, string field)
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var item = (await ViewAsync(core, id)).Items[0].Id;
        var valid = new ItemDecision(item, true, "Take one capsule", "Three times daily", 21, 0);
        var decision = problem switch
        {
            "none selected" => valid with { Approve = false },
            "no dosage" => valid with { Dosage = " " },
            "no frequency" => valid with { Frequency = "" },
            "quantity 0" => valid with { Quantity = 0 },
            "13 refills" => valid with { Refills = 13 },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), id, [decision], null, None);

        Assert.False(result.Succeeded);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, field, item), result.Errors!.Keys);
        Assert.Equal(RequestStatus.Submitted, (await ViewAsync(core, id)).Status);
        Assert.Equal(0, await PrescriptionCountAsync(core, id));
    }

    [Fact]
    public async Task Decisions_naming_another_requests_item_are_refused_and_nothing_is_saved()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAmoxicillinAsync(core);
        var other = await SubmitAsync(core, ("Warfarin", "5 mg", 28));
        var decisions = (await ApproveAllAsync(core, id)).Concat(await ApproveAllAsync(core, other)).ToList();

        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), id, decisions, null, None);

        Assert.False(result.Succeeded);
        Assert.Contains("nothing was saved", result.Message, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Submitted, (await ViewAsync(core, id)).Status);
        Assert.Equal(0, await PrescriptionCountAsync(core, id));
    }

    private static (bool?, int?, string?, string?, int) Approved(RequestItemView item) =>
        (item.Approved, item.ApprovedQuantity, item.ApprovedDosage, item.ApprovedFrequency, item.Refills);
}
