using Eps.Core.Dispensing;
using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Dispensing.RepeatKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Dispensing;

/// <summary>What the patient and the pharmacy are told about repeats, read from the outbox the dispense wrote.</summary>
public sealed class RepeatEmailTests
{
    private const string PatientEmail = "patient@eps.test";

    [Fact]
    public async Task The_approval_email_names_the_original_and_promises_no_repeat_before_it_is_issued()
    {
        await using var core = await CoreHarness.StartAsync();
        var original = await ApproveWithRepeatsAsync(core, 2);

        var approved = Assert.Single(await OutboxAsync(core, EmailTemplates.PatientApprovedKind));

        Assert.Contains($"{original.RxNumber}: Amoxicillin 500 mg × 21 (Original, 2 repeats authorised)", approved.TextBody, StringComparison.Ordinal);
        Assert.Contains("Repeats are issued one at a time: each when the previous one is collected.", approved.TextBody, StringComparison.Ordinal);
        Assert.Contains("(Original, 2 repeats authorised)", approved.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(await OutboxAsync(core, EmailTemplates.PatientRepeatKind));
    }

    [Fact]
    public async Task Collecting_an_item_with_repeats_left_emails_the_patient_the_new_token_and_the_last_says_so()
    {
        await using var core = await CoreHarness.StartAsync();
        var original = await ApproveWithRepeatsAsync(core, 2);
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        var repeat1 = (await DispenseAsync(core, original, pharmacist)).Receipt!.RepeatIssued!;

        var mail = Assert.Single(await OutboxAsync(core, EmailTemplates.PatientRepeatKind));
        Assert.Equal(PatientEmail, mail.To);
        Assert.Equal($"Repeat 1 of 2 issued: {repeat1}", mail.Subject);
        Assert.Contains("Repeat 1 of 2 of your prescription has been issued, as you collected the previous one:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{repeat1}: Amoxicillin 500 mg × 21", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("the old one cannot be used again", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Marina Community Pharmacy", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/prescriptions/{repeat1}/token", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Repeat 2 of 2 is issued when this one is collected.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/prescriptions/{repeat1}/token", mail.HtmlBody, StringComparison.Ordinal);
        var collected = Assert.Single(await OutboxAsync(core, EmailTemplates.PatientCollectedKind));
        Assert.Contains($"({original.RxNumber}, original, 2 repeats authorised) was collected", collected.TextBody, StringComparison.Ordinal);

        var repeat2 = (await DispenseAsync(core, await StoredAsync(core, repeat1), pharmacist)).Receipt!.RepeatIssued!;
        var last = (await OutboxAsync(core, EmailTemplates.PatientRepeatKind))[^1];
        Assert.Equal($"Repeat 2 of 2 issued: {repeat2}", last.Subject);
        Assert.Contains("This is the last repeat: no further repeat is issued after it.", last.TextBody, StringComparison.Ordinal);

        Assert.Null((await DispenseAsync(core, await StoredAsync(core, repeat2), pharmacist)).Receipt!.RepeatIssued);
        Assert.Equal(2, (await OutboxAsync(core, EmailTemplates.PatientRepeatKind)).Count);
        Assert.Contains($"({repeat2}, repeat 2 of 2) was collected", (await OutboxAsync(core, EmailTemplates.PatientCollectedKind))[^1].TextBody,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeat_of_a_controlled_drug_alerts_the_pharmacy_like_any_new_controlled_prescription()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await Scenario.IssueAsync(core.Services, drug: "Tramadol", quantity: 20, repeats: 1);
        var pharmacist = await core.ActorAsync(LagosPharmacist);

        var outcome = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null, IdDocumentType.Nin, "12345678901"),
            Counter(pharmacist), None);

        Assert.True(outcome.Succeeded, outcome.Message);
        var alert = Assert.Single(await OutboxAsync(core, EmailTemplates.PharmacyControlledKind));
        Assert.Equal("marina@pharmacy.eps.test", alert.To);
        Assert.Contains(outcome.Receipt!.RepeatIssued!, alert.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Okafor", alert.TextBody, StringComparison.Ordinal);
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(CoreHarness core, string kind)
    {
        await using var db = await core.DbAsync();
        return await db.Outbox.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync();
    }
}
