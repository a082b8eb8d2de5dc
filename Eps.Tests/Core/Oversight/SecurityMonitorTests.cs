using Eps.Core.Dispensing;
using Eps.Core.Notifications;
using Eps.Core.Oversight;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Oversight;

public sealed class SecurityMonitorTests
{
    private static Task<CoreHarness> StartAsync() => CoreHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Security:AlertEmail"] = "security@eps.test",
        ["Security:FailureThreshold"] = "5",
        ["Security:FailureWindowMinutes"] = "10",
        ["Security:CooldownMinutes"] = "120",
    });

    private static Task<VerificationOutcome> VerifyAsync(CoreHarness core, string token, string ip, string? pharmacy = Scenario.Lagos) =>
        core.Get<VerificationService>().VerifyAsync(new VerifyRequest(token, null, null, null, pharmacy, null), new RequestOrigin(ip), None);

    private static async Task<List<SecurityAlert>> AlertsAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        return await db.SecurityAlerts.OrderBy(a => a.Id).ToListAsync();
    }

    private static async Task<int> AlertEmailsAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        return await db.Outbox.CountAsync(m => m.Kind == "security.alert" && m.To == "security@eps.test");
    }

    [Fact]
    public async Task A_forged_token_raises_one_alert_and_repeats_within_the_cooldown_are_only_counted()
    {
        await using var core = await StartAsync();
        var rx = await IssueAsync(core);
        var forged = rx.Token[..^4] + (rx.Token[^4] == 'A' ? "B" : "A") + rx.Token[^3..];

        await VerifyAsync(core, forged, "203.0.113.9");
        await VerifyAsync(core, forged, "203.0.113.9");
        core.Time.Advance(TimeSpan.FromMinutes(30));
        await VerifyAsync(core, forged, "203.0.113.9");

        var alert = Assert.Single(await AlertsAsync(core), a => a.Rule == AlertRules.Forgery);
        Assert.Equal(3, alert.Occurrences);
        Assert.Equal(1, await AlertEmailsAsync(core));

        core.Time.Advance(TimeSpan.FromHours(2));
        await VerifyAsync(core, forged, "203.0.113.9");
        Assert.Equal(2, (await AlertsAsync(core)).Count(a => a.Rule == AlertRules.Forgery));
        Assert.Equal(2, await AlertEmailsAsync(core));
    }

    [Fact]
    public async Task Five_failures_from_one_ip_within_the_window_raise_repeated_failures()
    {
        await using var core = await StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await VerifyAsync(core, "EPS1:NOPE" + i, "198.51.100.4");
        }

        Assert.DoesNotContain(await AlertsAsync(core), a => a.Rule == AlertRules.RepeatedFailures);
        await VerifyAsync(core, "EPS1:NOPE4", "198.51.100.4");

        var alert = Assert.Single(await AlertsAsync(core), a => a.Rule == AlertRules.RepeatedFailures);
        Assert.Equal("198.51.100.4", alert.ClientIp);
        Assert.Contains("5 failed attempts", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_slips_at_the_counter_are_answered_in_the_form_and_never_count_toward_an_alert()
    {
        await using var core = await StartAsync();
        var rx = await Scenario.IssueAsync(core.Services, drug: "Diazepam");
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var desk = new RequestOrigin("10.0.0.7", pharmacist.UserId, pharmacist.PharmacyId);
        var outcomes = new List<DispenseOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await core.Get<DispenseService>().DispenseAsync(
                new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null), desk, None));
            outcomes.Add(await core.Get<DispenseService>().DispenseAsync(
                new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, pharmacist.FullName, null, IdDocumentType.Nin, "1234567890"), desk, None));
        }

        var typo = await core.Get<VerificationService>().VerifyByIdAsync("PHB-RX-1234", "1234567890", desk, None);

        Assert.All(outcomes, o => Assert.Equal(DispenseStatus.InvalidInput, o.Status));
        Assert.Equal(VerificationSteps.Format, typo.StepFailed);
        Assert.Empty(await AlertsAsync(core));
        await using var db = await core.DbAsync();
        Assert.Equal(0, await db.VerificationAttempts.CountAsync());
    }

    [Fact]
    public async Task Five_failures_on_one_prescription_from_different_addresses_raise_an_alert()
    {
        await using var core = await StartAsync();
        var rx = await IssueAsync(core);
        var pharmacist = await core.ActorAsync(LagosPharmacist);
        for (var i = 0; i < 5; i++)
        {
            var wrongHpn = await core.Get<VerificationService>().VerifyByIdAsync(
                rx.RxNumber[^8..], $"99999999{i:D2}", new RequestOrigin($"10.0.1.{i}", pharmacist.UserId, pharmacist.PharmacyId), None);
            Assert.Equal(VerificationSteps.Identity, wrongHpn.StepFailed); // bare digits are taken as the prescription ID
        }

        var alert = Assert.Single(await AlertsAsync(core), a => a.Rule == AlertRules.RepeatedFailuresForPrescription);
        Assert.Equal(rx.RxNumber, alert.PrescriptionId);
        Assert.DoesNotContain(await AlertsAsync(core), a => a.Rule == AlertRules.RepeatedFailures);
    }

    [Fact]
    public async Task A_dispensed_token_presented_again_raises_a_replay_alert()
    {
        await using var core = await StartAsync();
        var rx = await IssueAsync(core);
        var outcome = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, Scenario.Lagos, "Funmilayo Adeyemi", null), new RequestOrigin("10.0.0.1", "p", rx.PharmacyId), None);
        Assert.True(outcome.Succeeded);

        var again = await VerifyAsync(core, rx.Token, "10.0.0.2");

        Assert.Equal(VerificationSteps.Dispensing, again.StepFailed);
        var alert = Assert.Single(await AlertsAsync(core), a => a.Rule == AlertRules.Replay);
        Assert.Equal(rx.RxNumber, alert.PrescriptionId);
    }

    [Fact]
    public async Task One_prescription_verified_at_two_pharmacies_raises_an_alert()
    {
        await using var core = await StartAsync();
        var rx = await IssueAsync(core);

        await VerifyAsync(core, rx.Token, "10.0.0.1", Scenario.Lagos);
        Assert.Empty(await AlertsAsync(core));
        await VerifyAsync(core, rx.Token, "10.0.0.9", Scenario.Abuja);

        Assert.Single(await AlertsAsync(core), a => a.Rule == AlertRules.MultiplePharmacies);
    }

    [Fact]
    public async Task The_daily_report_counts_failures_by_reason_top_ips_and_alerts()
    {
        await using var core = await StartAsync();
        var rx = await IssueAsync(core);
        await VerifyAsync(core, rx.Token, "10.0.0.1");
        await VerifyAsync(core, "EPS1:BAD", "192.0.2.1");
        await VerifyAsync(core, "EPS1:BAD", "192.0.2.1");
        var day = DateOnly.FromDateTime(core.Time.GetUtcNow().UtcDateTime);

        var report = await core.Get<IncidentReports>().CreateAsync(day, None);

        Assert.Equal(3, report.Attempts);
        Assert.Equal(2, report.Failures);
        Assert.Contains("format_validation: 2", report.Body, StringComparison.Ordinal);
        Assert.Contains("192.0.2.1: 2", report.Body, StringComparison.Ordinal);
        Assert.Equal(report.Id, (await core.Get<IncidentReports>().CreateAsync(day, None)).Id);
    }
}
