using Eps.Core.Accounts;
using Eps.Core.Analytics;
using Eps.Core.Dispensing;
using Eps.Core.Prescribing;
using Eps.Core.Reporting;
using Eps.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Analytics;

/// <summary>
/// A known two-day story told through the real services on a fake clock, then read back as analytics.
/// Day 1 (27 Nov) 09:00: Lagos issues L1, L2, L3 and Abuja A1; L1 is dispensed after 2 h and L2 after 6 h; three garbage
/// tokens fail at 15:00 (two at the Lagos desk, one at Abuja) and one anonymous caller claims Abuja's code in lower case.
/// Day 2 (28 Nov) 09:00: Lagos issues L4; L3 and A1 are dispensed after 24 h; at 19:00 L4 after 10 h, then the Lagos desk
/// gets an HPN mismatch and presents the dispensed L1 again. A refused dispense is not a verification failure.
/// </summary>
public sealed class AnalyticsServiceTests
{
    private static readonly DateOnly Day1 = new(2026, 11, 27);
    private static readonly DateOnly Day2 = new(2026, 11, 28);
    private static readonly ReportPeriod Both = new(Day1, Day2);

    [Fact]
    public async Task An_admin_sees_volume_dispense_times_and_failures_for_every_pharmacy()
    {
        await using var core = await CoreHarness.StartAsync();
        await TellTheStoryAsync(core);

        var report = await Service(core).ReportAsync(await core.ActorAsync(Admin), Both, null, None);

        Assert.Equal(
            new[] { (Day1, Scenario.Lagos, 3), (Day1, Scenario.Abuja, 1), (Day2, Scenario.Lagos, 1) },
            report.Volume.Select(v => (v.Day, v.PharmacyCode, v.Issued)));

        var lagos = Assert.Single(report.DispenseTimes, t => t.PharmacyCode == Scenario.Lagos);
        Assert.Equal(4, lagos.Count); // 2, 6, 10 and 24 hours
        Assert.Equal(10.5, lagos.MeanHours, 6);
        Assert.Equal(8, lagos.P50Hours, 6);
        Assert.Equal(19.8, lagos.P90Hours, 6);
        var abuja = Assert.Single(report.DispenseTimes, t => t.PharmacyCode == Scenario.Abuja);
        Assert.Equal((1, 24.0, 24.0, 24.0), (abuja.Count, abuja.MeanHours, abuja.P50Hours, abuja.P90Hours));
        Assert.Equal(2, report.DispenseTimes.Count);

        Assert.Equal(
            new[] { (Day1, VerificationSteps.Format, 4), (Day2, VerificationSteps.Dispensing, 1), (Day2, VerificationSteps.Identity, 1) },
            report.Failures.Select(f => (f.Day, f.Reason, f.Count)));
    }

    [Fact]
    public async Task An_admin_can_narrow_to_one_pharmacy_and_one_day()
    {
        await using var core = await CoreHarness.StartAsync();
        await TellTheStoryAsync(core);
        var abujaId = await PharmacyIdAsync(core, Scenario.Abuja);
        var service = Service(core);

        var abuja = await service.ReportAsync(await core.ActorAsync(Admin), Both, abujaId, None);
        var secondDay = await service.ReportAsync(new ReportPeriod(Day2, Day2), null, None);

        Assert.Equal(new[] { (Day1, Scenario.Abuja, 1) }, abuja.Volume.Select(v => (v.Day, v.PharmacyCode, v.Issued)));
        Assert.Equal(new[] { (Scenario.Abuja, 1) }, abuja.DispenseTimes.Select(t => (t.PharmacyCode, t.Count)));
        // Its pharmacist's garbage token and the anonymous caller who claimed its code.
        Assert.Equal(new[] { (Day1, VerificationSteps.Format, 2) }, abuja.Failures.Select(f => (f.Day, f.Reason, f.Count)));

        Assert.Equal(new[] { (Day2, Scenario.Lagos, 1) }, secondDay.Volume.Select(v => (v.Day, v.PharmacyCode, v.Issued)));
        var lagos = Assert.Single(secondDay.DispenseTimes, t => t.PharmacyCode == Scenario.Lagos);
        Assert.Equal((2, 17.0), (lagos.Count, lagos.MeanHours)); // L3 (24 h) and L4 (10 h) were dispensed on day 2
        Assert.DoesNotContain(secondDay.Failures, f => f.Day == Day1);
    }

    [Fact]
    public async Task A_pharmacist_sees_only_their_own_pharmacy_whatever_they_ask_for()
    {
        await using var core = await CoreHarness.StartAsync();
        await TellTheStoryAsync(core);
        var abujaId = await PharmacyIdAsync(core, Scenario.Abuja);

        var report = await Service(core).ReportAsync(await core.ActorAsync(LagosPharmacist), Both, abujaId, None);

        Assert.All(report.Volume, v => Assert.Equal(Scenario.Lagos, v.PharmacyCode));
        Assert.Equal(4, report.Volume.Sum(v => v.Issued));
        var only = Assert.Single(report.DispenseTimes);
        Assert.Equal((Scenario.Lagos, 4), (only.PharmacyCode, only.Count));
        Assert.Equal(
            new[] { (Day1, VerificationSteps.Format, 2), (Day2, VerificationSteps.Dispensing, 1), (Day2, VerificationSteps.Identity, 1) },
            report.Failures.Select(f => (f.Day, f.Reason, f.Count)));
    }

    [Theory]
    [InlineData(Patient)]
    [InlineData(Doctor)]
    public async Task Patients_and_doctors_see_nothing(string email)
    {
        await using var core = await CoreHarness.StartAsync();
        await TellTheStoryAsync(core);

        var report = await Service(core).ReportAsync(await core.ActorAsync(email), Both, null, None);

        Assert.True(report.IsEmpty);
    }

    [Fact]
    public async Task A_quiet_period_is_empty_and_an_overlong_or_reversed_one_is_refused()
    {
        await using var core = await CoreHarness.StartAsync();
        var service = Service(core);

        Assert.True((await service.ReportAsync(Both, null, None)).IsEmpty);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.ReportAsync(new ReportPeriod(Day2, Day1), null, None));
    }

    [Fact]
    public async Task Days_are_the_service_zone_days_the_pages_show_not_utc_days()
    {
        await using var core = await CoreHarness.StartAsync();
        core.Time.Advance(TimeSpan.FromHours(14.5)); // 23:30 UTC on 27 Nov is 00:30 on 28 Nov in Lagos
        await Scenario.IssueAsync(core.Services);

        var report = await Service(core).ReportAsync(Both, null, None);

        Assert.Equal(new[] { (Day2, 1) }, report.Volume.Select(v => (v.Day, v.Issued)));
        Assert.True((await Service(core).ReportAsync(new ReportPeriod(Day1, Day1), null, None)).IsEmpty);
    }

    private static AnalyticsService Service(CoreHarness core) => ActivatorUtilities.CreateInstance<AnalyticsService>(core.Services);

    private static async Task TellTheStoryAsync(CoreHarness core)
    {
        var lagos = await core.ActorAsync(LagosPharmacist);
        var abuja = await core.ActorAsync(AbujaPharmacist);
        var l1 = await Scenario.IssueAsync(core.Services);
        var l2 = await Scenario.IssueAsync(core.Services);
        var l3 = await Scenario.IssueAsync(core.Services);
        var a1 = await Scenario.IssueAsync(core.Services, pharmacyCode: Scenario.Abuja, patientEmail: Patient2);

        core.Time.Advance(TimeSpan.FromHours(2));
        await DispenseAsync(core, l1, lagos, Scenario.Lagos);
        core.Time.Advance(TimeSpan.FromHours(4));
        await DispenseAsync(core, l2, lagos, Scenario.Lagos);
        await VerifyGarbageAsync(core, Desk(lagos));
        await VerifyGarbageAsync(core, Desk(lagos));
        await VerifyGarbageAsync(core, Desk(abuja));
        await VerifyGarbageAsync(core, new RequestOrigin("203.0.113.9"), claimedPharmacy: " phb-ph-200202 ");
        var refused = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(l3.RxNumber, l3.Nonce, Scenario.Abuja, abuja.FullName, null), Desk(abuja), None);
        Assert.Equal(DispenseStatus.WrongPharmacy, refused.Status);

        core.Time.Advance(TimeSpan.FromHours(18));
        var l4 = await Scenario.IssueAsync(core.Services);
        await DispenseAsync(core, l3, lagos, Scenario.Lagos);
        await DispenseAsync(core, a1, abuja, Scenario.Abuja);
        core.Time.Advance(TimeSpan.FromHours(10));
        await DispenseAsync(core, l4, lagos, Scenario.Lagos);
        var identity = await core.Get<VerificationService>().VerifyByIdAsync(l4.RxNumber, "0000000000", Desk(lagos), None);
        Assert.Equal(VerificationSteps.Identity, identity.StepFailed);
        var again = await core.Get<VerificationService>()
            .VerifyAsync(new VerifyRequest(l1.Token, null, null, null, Scenario.Lagos, null), Desk(lagos), None);
        Assert.Equal(VerificationSteps.Dispensing, again.StepFailed);
    }

    private static RequestOrigin Desk(Actor pharmacist) => new("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId);

    private static async Task DispenseAsync(CoreHarness core, Prescription rx, Actor pharmacist, string pharmacyCode)
    {
        var outcome = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, pharmacyCode, pharmacist.FullName, null), Desk(pharmacist), None);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    private static async Task VerifyGarbageAsync(CoreHarness core, RequestOrigin caller, string? claimedPharmacy = null)
    {
        var outcome = await core.Get<VerificationService>()
            .VerifyAsync(new VerifyRequest("not a token at all", null, null, null, claimedPharmacy, null), caller, None);
        Assert.Equal(VerificationSteps.Format, outcome.StepFailed);
    }
}
