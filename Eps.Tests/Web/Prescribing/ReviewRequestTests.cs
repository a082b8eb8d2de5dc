using AngleSharp.Dom;
using Bunit;
using Eps.Core.Prescribing;
using Eps.Tests.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Prescribing;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Eps.Tests.Web.Prescribing;

/// <summary>The doctor's review page on the app's real core and SQLite file; requests come from the real services.</summary>
public sealed class ReviewRequestTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Doctor = "doctor@eps.test";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Approving_without_dose_instructions_shows_the_error_on_the_item_and_issues_nothing()
    {
        var requestId = await SubmitAsync(("Amoxicillin", "500 mg", 21));
        await using var ctx = await ContextAsync(Doctor);
        var (cut, _) = Render(ctx, requestId);

        Field(Item(cut, "Amoxicillin"), "Frequency").QuerySelector("input")!.Change("Three times daily");
        ClickApprove(cut, "Approve selected (1)");

        cut.WaitForAssertion(() => Assert.Equal("Enter dose instructions (up to 500 characters).", ErrorIn(Item(cut, "Amoxicillin"), "Dose instructions")), Wait);
        Assert.Null(ErrorIn(Item(cut, "Amoxicillin"), "Frequency"));
        Assert.Empty(cut.FindAll("[data-testid=approval-result]"));
        Assert.Equal((RequestStatus.Submitted, 0), await StateAsync(requestId));
    }

    [Fact]
    public async Task The_patients_earlier_prescriptions_show_their_state_in_words()
    {
        await Scenario.IssueAsync(app.Services);
        var requestId = await SubmitAsync(("Amoxicillin", "500 mg", 21));
        await using var ctx = await ContextAsync(Doctor);
        var (cut, _) = Render(ctx, requestId);

        cut.WaitForAssertion(() => Assert.Contains("Pending collection", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("PendingCollection", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5000")]
    public async Task An_out_of_range_quantity_is_refused_on_the_item_not_changed_and_issues_nothing(string quantity)
    {
        var requestId = await SubmitAsync(("Amoxicillin", "500 mg", 21));
        await using var ctx = await ContextAsync(Doctor);
        var (cut, _) = Render(ctx, requestId);
        FillDose(cut, "Amoxicillin");

        Field(Item(cut, "Amoxicillin"), "Quantity").QuerySelector("input")!.Change(quantity);
        ClickApprove(cut, "Approve selected (1)");

        cut.WaitForAssertion(() => Assert.Equal($"Quantity must be between 1 and {RequestRules.MaxQuantity}.", ErrorIn(Item(cut, "Amoxicillin"), "Quantity")), Wait);
        Assert.Equal(quantity, Field(Item(cut, "Amoxicillin"), "Quantity").QuerySelector("input")!.GetAttribute("value"));
        Assert.Contains("Requested: 21", Item(cut, "Amoxicillin").TextContent, StringComparison.Ordinal);
        Assert.Equal((RequestStatus.Submitted, 0), await StateAsync(requestId));
    }

    [Fact]
    public async Task Approving_one_edited_item_issues_one_prescription_with_the_doctors_values()
    {
        var requestId = await SubmitAsync(("Amoxicillin", "500 mg", 21), ("Metformin", "500 mg", 56));
        await ForwardAsync(requestId);
        await using var ctx = await ContextAsync(Doctor);
        var (cut, _) = Render(ctx, requestId);

        Field(Item(cut, "Amoxicillin"), "Dose instructions").QuerySelector("input")!.Change("Take one capsule with water");
        Field(Item(cut, "Amoxicillin"), "Frequency").QuerySelector("input")!.Change("Every 8 hours");
        Field(Item(cut, "Amoxicillin"), "Quantity").QuerySelector("input")!.Change("15");
        Item(cut, "Metformin").QuerySelector("input[type=checkbox]")!.Change(false);
        cut.WaitForAssertion(() => Assert.NotNull(ApproveButton(cut, "Approve selected (1)")));
        ClickApprove(cut, "Approve selected (1)");

        cut.WaitForAssertion(() => Assert.Contains("PHB-RX-", cut.Find("[data-testid=approval-result]").TextContent, StringComparison.Ordinal), Wait);
        await using var db = await app.NewDbAsync();
        var issued = Assert.Single(await db.Prescriptions.Where(p => p.RequestId == requestId).ToListAsync());
        Assert.Equal(("Amoxicillin", "Take one capsule with water", "Every 8 hours", 15),
            (issued.MedicationName, issued.Dosage, issued.Frequency, issued.Quantity));
        Assert.Contains(issued.RxNumber, cut.Find("[data-testid=approval-result]").TextContent, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Approved, (await db.PrescriptionRequests.SingleAsync(r => r.Id == requestId)).Status);
        Assert.Null(ApproveButton(cut));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Reject request");
    }

    [Fact]
    public async Task A_controlled_item_asks_for_a_signature_and_without_a_code_issues_nothing()
    {
        var requestId = await SubmitAsync(("Tramadol", "50 mg", 10));
        await SigningKit.CodeAsync(app.Services, Doctor); // sets up the doctor's authenticator; the code is not entered
        await using var ctx = await ContextAsync(Doctor);
        var (cut, _) = Render(ctx, requestId);
        FillDose(cut, "Tramadol");

        var signing = cut.Find("[data-testid=controlled-signing]");
        Assert.Equal(ControlledSigning.Statement, signing.QuerySelector("b")!.TextContent.Trim());
        ClickApprove(cut, "Approve selected (1)");

        cut.WaitForAssertion(() => Assert.Equal("Enter the 6-digit code from your authenticator app to sign.",
            ErrorIn(cut.Find("[data-testid=controlled-signing]"), "Authenticator code")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=approval-result]"));
        Assert.Equal((RequestStatus.Submitted, 0), await StateAsync(requestId));
    }

    [Fact]
    public async Task A_controlled_item_signed_with_a_current_code_is_approved()
    {
        var requestId = await SubmitAsync(("Tramadol", "50 mg", 10));
        var code = await SigningKit.CodeAsync(app.Services, Doctor);
        await using var ctx = await ContextAsync(Doctor);
        var (cut, _) = Render(ctx, requestId);
        FillDose(cut, "Tramadol");

        Field(cut.Find("[data-testid=controlled-signing]"), "Authenticator code").QuerySelector("input")!.Change(code);
        ClickApprove(cut, "Approve selected (1)");

        cut.WaitForAssertion(() => Assert.Contains("PHB-RX-", cut.Find("[data-testid=approval-result]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal((RequestStatus.Approved, 1), await StateAsync(requestId));
        Assert.Empty(cut.FindAll("[data-testid=controlled-signing]"));
    }

    [Fact]
    public async Task Rejecting_with_a_reason_records_it_and_the_page_shows_the_rejection()
    {
        var requestId = await SubmitAsync(("Amlodipine", "5 mg", 28));
        await using var ctx = await ContextAsync(Doctor);
        var (cut, dialogs) = Render(ctx, requestId);

        ClickButton(cut, "Reject request");
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog textarea")), Wait);
        dialogs.Find(".mud-dialog textarea").Input("Please book a blood pressure check first.");
        ClickButton(dialogs, "Reject");

        cut.WaitForAssertion(() => Assert.Contains("Rejected: Please book a blood pressure check first.", cut.Markup, StringComparison.Ordinal), Wait);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Null(ApproveButton(cut));
        await using var db = await app.NewDbAsync();
        var request = await db.PrescriptionRequests.SingleAsync(r => r.Id == requestId);
        Assert.Equal((RequestStatus.Rejected, "Please book a blood pressure check first."), (request.Status, request.RejectionReason));
        Assert.Equal((RequestStatus.Rejected, 0), await StateAsync(requestId));
    }

    [Fact]
    public async Task Rejecting_with_an_empty_reason_keeps_the_dialog_open_and_changes_nothing()
    {
        var requestId = await SubmitAsync(("Amlodipine", "10 mg", 28));
        await using var ctx = await ContextAsync(Doctor);
        var (cut, dialogs) = Render(ctx, requestId);

        ClickButton(cut, "Reject request");
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog textarea")), Wait);
        ClickButton(dialogs, "Reject");

        dialogs.WaitForAssertion(() => Assert.Contains("Reason for the patient is required.",
            dialogs.Find(".mud-dialog .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Equal((RequestStatus.Submitted, 0), await StateAsync(requestId));
        await using var db = await app.NewDbAsync();
        Assert.Null((await db.PrescriptionRequests.SingleAsync(r => r.Id == requestId)).RejectionReason);
        Assert.NotNull(ApproveButton(cut, "Approve selected (1)"));
    }

    [Theory]
    [InlineData("patient@eps.test")]
    [InlineData("pharmacist.lagos@eps.test")]
    public async Task Anyone_but_a_doctor_sees_request_not_found(string email)
    {
        var requestId = await SubmitAsync(("Amoxicillin", "250 mg", 21));
        await using var ctx = await ContextAsync(email);

        var (cut, _) = Render(ctx, requestId, ready: "Request not found");

        Assert.DoesNotContain("Adaeze Okafor", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Amoxicillin", cut.Markup, StringComparison.Ordinal);
        Assert.Null(ApproveButton(cut));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Reject request");
    }

    private async Task<BunitContext> ContextAsync(string email) =>
        (await BunitHarness.SignedInAsync(app, email)).WithAppServices(app, typeof(Reviews), typeof(ControlledSigning));

    private static (IRenderedComponent<ReviewRequest> Page, IRenderedComponent<MudDialogProvider> Dialogs) Render(
        BunitContext ctx, int requestId, string ready = "Review REQ-")
    {
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<ReviewRequest>(p => p.Add(x => x.RequestId, requestId));
        cut.WaitForAssertion(() => Assert.Contains(ready, cut.Markup, StringComparison.Ordinal), Wait);
        return (cut, dialogs);
    }

    /// <summary>The demo patient asks the Lagos pharmacy for these medicines; returns the new request's id.</summary>
    private async Task<int> SubmitAsync(params (string Drug, string Strength, int Quantity)[] items)
    {
        var patient = await BunitHarness.ActorAsync(app, "patient@eps.test");
        await using var db = await app.NewDbAsync();
        var lagos = await db.Pharmacies.Where(p => p.Code == Scenario.Lagos).Select(p => p.Id).SingleAsync();
        var requested = new List<RequestedItem>();
        foreach (var (drug, strength, quantity) in items)
        {
            var drugId = await db.Drugs.Where(d => d.GenericName == drug).Select(d => d.Id).SingleAsync();
            requested.Add(new RequestedItem(drugId, strength, quantity, null));
        }

        var (result, reference) = await app.Services.GetRequiredService<PatientRequests>()
            .SubmitAsync(patient, new NewRequest(lagos, "Repeat of my usual medicines", requested), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        return await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
    }

    private async Task ForwardAsync(int requestId)
    {
        var pharmacist = await BunitHarness.ActorAsync(app, "pharmacist.lagos@eps.test");
        var result = await app.Services.GetRequiredService<Triage>().ForwardAsync(pharmacist, requestId, CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
    }

    private async Task<(RequestStatus Status, int Prescriptions)> StateAsync(int requestId)
    {
        await using var db = await app.NewDbAsync();
        var status = await db.PrescriptionRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync();
        return (status, await db.Prescriptions.CountAsync(p => p.RequestId == requestId));
    }

    private static void FillDose(IRenderedComponent<ReviewRequest> cut, string medication)
    {
        Field(Item(cut, medication), "Dose instructions").QuerySelector("input")!.Change("One capsule when needed for pain");
        Field(Item(cut, medication), "Frequency").QuerySelector("input")!.Change("Up to four times daily");
    }

    private static IElement Item(IRenderedComponent<ReviewRequest> cut, string medication) =>
        cut.FindAll("[data-testid=review-item]").Single(i => i.QuerySelector("h3")!.TextContent.StartsWith(medication, StringComparison.Ordinal));

    private static IElement Field(IElement scope, string label) =>
        scope.QuerySelectorAll(".mud-input-control").Single(c => c.QuerySelector(".mud-input-label")?.TextContent.Trim() == label);

    private static string? ErrorIn(IElement item, string label) =>
        Field(item, label).QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    private static IElement? ApproveButton(IRenderedComponent<ReviewRequest> cut, string? text = null) =>
        cut.FindAll("button").SingleOrDefault(b => text is null
            ? b.TextContent.Trim().StartsWith("Approve selected", StringComparison.Ordinal)
            : b.TextContent.Trim() == text);

    // Found and clicked on the renderer's thread: a render in between (a read finishing, truly asynchronous on a server
    // database) would otherwise leave the click on a stale handler.
    private static void ClickApprove(IRenderedComponent<ReviewRequest> cut, string text) =>
        cut.InvokeAsync(() => (ApproveButton(cut, text) ?? throw new InvalidOperationException($"No button \u201c{text}\u201d.")).Click())
            .GetAwaiter().GetResult();

    private static void ClickButton<T>(IRenderedComponent<T> cut, string text) where T : IComponent =>
        cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == text).Click()).GetAwaiter().GetResult();
}
