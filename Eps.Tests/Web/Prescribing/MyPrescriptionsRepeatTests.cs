using Bunit;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Web.Prescribing;

/// <summary>My prescriptions words repeats as they are: issued one collection at a time.</summary>
public sealed class MyPrescriptionsRepeatTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Patient = "patient@eps.test";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_original_promises_nothing_available_and_the_issued_repeat_waits_as_repeat_1_of_2()
    {
        var original = await Scenario.IssueAsync(app.Services, repeats: 2);
        await using (var ctx = await ContextAsync())
        {
            var before = ctx.Render<MyPrescriptions>();
            before.WaitForAssertion(() => Assert.Equal("2 repeats authorised: each is issued when the previous one is collected.",
                RepeatLine(before, original.RxNumber)), Wait);
        }

        await Scenario.DispenseAsync(await Login.AsAsync(app, "pharmacist.lagos@eps.test"), original, Scenario.Lagos, "Funmilayo Adeyemi");
        await using var db = await app.NewDbAsync();
        var repeat = await db.Prescriptions.Where(p => p.PreviousPrescriptionId == original.Id).Select(p => p.RxNumber).SingleAsync();

        await using var after = await ContextAsync();
        var cut = after.Render<MyPrescriptions>();
        cut.WaitForAssertion(() => Assert.Equal("Repeat 1 of 2 · Repeat 2 of 2 is issued when this one is collected.", RepeatLine(cut, repeat)), Wait);
        Assert.Null(RepeatLine(cut, original.RxNumber)); // collected: no longer among those waiting
    }

    private async Task<BunitContext> ContextAsync() =>
        (await BunitHarness.SignedInAsync(app, Patient)).WithAppServices(app, typeof(PatientRequests), typeof(Nominations));

    private static string? RepeatLine(IRenderedComponent<MyPrescriptions> cut, string rxNumber) =>
        cut.FindAll("[data-testid=prescription]").FirstOrDefault(c => c.TextContent.Contains(rxNumber, StringComparison.Ordinal))
            ?.QuerySelector("[data-testid=prescription-repeat]")?.TextContent;
}
