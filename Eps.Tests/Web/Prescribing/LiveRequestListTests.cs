using Bunit;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Eps.Tests.Web.Prescribing;

/// <summary>
/// The triage inbox and the doctors' review list follow requests live, pushed through the queue events: a patient's new
/// request appears, and one a colleague took leaves, with no reload.
/// </summary>
public sealed class LiveRequestListTests(EpsApp app) : IClassFixture<EpsApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<BunitContext> ContextAsync(string email)
    {
        var ctx = await BunitHarness.SignedInAsync(app, email);
        ctx.WithAppServices(app, typeof(Triage), typeof(Reviews), typeof(IQueueEvents));
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    [Fact]
    public async Task The_triage_inbox_shows_a_new_request_and_drops_one_a_colleague_forwarded_without_reload()
    {
        await using var ctx = await ContextAsync("pharmacist.lagos@eps.test");
        var cut = ctx.Render<TriageInbox>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);

        var (reference, id) = await SubmitAsync("patient@eps.test", Scenario.Lagos);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=triage-request]"),
            r => r.TextContent.Contains(reference, StringComparison.Ordinal)), Wait);

        var colleague = await BunitHarness.ActorAsync(app, "pharmacist.lagos@eps.test");
        Assert.True((await app.Services.GetRequiredService<Triage>().ForwardAsync(colleague, id, default)).Succeeded);
        cut.WaitForAssertion(() => Assert.DoesNotContain(reference, cut.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Another_pharmacys_request_never_reaches_the_triage_inbox()
    {
        await using var ctx = await ContextAsync("pharmacist.lagos@eps.test");
        var cut = ctx.Render<TriageInbox>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);

        var (abuja, _) = await SubmitAsync("patient2@eps.test", Scenario.Abuja);
        var (lagos, _) = await SubmitAsync("patient@eps.test", Scenario.Lagos);

        cut.WaitForAssertion(() => Assert.Contains(lagos, cut.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain(abuja, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_list_shows_any_pharmacys_new_request_and_drops_one_another_doctor_approved_or_the_patient_withdrew()
    {
        await using var ctx = await ContextAsync("doctor@eps.test");
        var cut = ctx.Render<ReviewList>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);

        var (approved, id) = await SubmitAsync("patient2@eps.test", Scenario.Abuja);
        var (withdrawn, _) = await SubmitAsync("patient@eps.test", Scenario.Lagos);
        cut.WaitForAssertion(() =>
        {
            Assert.Contains(approved, cut.Markup, StringComparison.Ordinal);
            Assert.Contains(withdrawn, cut.Markup, StringComparison.Ordinal);
        }, Wait);

        var colleague = await BunitHarness.ActorAsync(app, "doctor@eps.test");
        int itemId;
        await using (var db = await app.NewDbAsync())
        {
            itemId = await db.PrescriptionRequestItems.Where(i => i.RequestId == id).Select(i => i.Id).SingleAsync();
        }

        var approval = await app.Services.GetRequiredService<Reviews>().ApproveAsync(colleague, id,
            [new ItemDecision(itemId, true, "Take one", "Daily", 7, 0)], null, default);
        Assert.True(approval.Succeeded, approval.Message);
        var (left, _) = await app.Services.GetRequiredService<PatientRequests>()
            .WithdrawAsync(await BunitHarness.ActorAsync(app, "patient@eps.test"), withdrawn, default);
        Assert.True(left.Succeeded, left.Message);

        cut.WaitForAssertion(() =>
        {
            Assert.DoesNotContain(approved, cut.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain(withdrawn, cut.Markup, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task Closing_the_lists_ends_their_subscriptions()
    {
        var events = app.Services.GetRequiredService<IQueueEvents>();
        var lagos = (await BunitHarness.ActorAsync(app, "pharmacist.lagos@eps.test")).PharmacyId!.Value;
        var (everywhere, inbox) = (events.SubscriberCount(IQueueEvents.AllPharmacies), events.SubscriberCount(lagos));

        var doctor = await ContextAsync("doctor@eps.test");
        var pharmacist = await ContextAsync("pharmacist.lagos@eps.test");
        doctor.Render<ReviewList>().WaitForAssertion(() => Assert.Equal(everywhere + 1, events.SubscriberCount(IQueueEvents.AllPharmacies)), Wait);
        pharmacist.Render<TriageInbox>().WaitForAssertion(() => Assert.Equal(inbox + 1, events.SubscriberCount(lagos)), Wait);

        await doctor.DisposeAsync();
        await pharmacist.DisposeAsync();

        Assert.Equal(everywhere, events.SubscriberCount(IQueueEvents.AllPharmacies));
        Assert.Equal(inbox, events.SubscriberCount(lagos));
    }

    /// <summary>A request for a week of amoxicillin, sent through the core as the patient's page does.</summary>
    private async Task<(string Reference, int Id)> SubmitAsync(string patientEmail, string pharmacyCode)
    {
        var patient = await BunitHarness.ActorAsync(app, patientEmail);
        int drugId, pharmacyId;
        await using (var db = await app.NewDbAsync())
        {
            drugId = await db.Drugs.Where(d => d.GenericName == "Amoxicillin").Select(d => d.Id).SingleAsync();
            pharmacyId = await db.Pharmacies.Where(p => p.Code == pharmacyCode).Select(p => p.Id).SingleAsync();
        }

        var (result, reference) = await app.Services.GetRequiredService<PatientRequests>()
            .SubmitAsync(patient, new NewRequest(pharmacyId, "Repeat", [new RequestedItem(drugId, "500 mg", 21, null)]), default);
        Assert.True(result.Succeeded, result.Message);
        await using var read = await app.NewDbAsync();
        return (reference!, await read.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync());
    }
}
