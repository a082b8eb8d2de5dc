using Eps.Benchmarks.Notifications;
using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Core.Notifications;

/// <summary>
/// The point of the design: pharmacies get a digest a day plus an alert per controlled prescription, not an email per
/// prescription. One tenth of the README's 5,000 patients / 1,500 prescriptions keeps the test quick; the full week is
/// <c>dotnet run -c Release --project benchmarks/Eps.Benchmarks -- notifications</c>.
/// </summary>
public sealed class VolumeSimulationTests
{
    [Fact]
    public async Task A_simulated_week_sends_each_pharmacy_a_daily_digest_and_controlled_alerts_only()
    {
        await using var core = await CoreHarness.StartAsync();
        var week = await new WeekSimulation(core.Services, core.Time.SetUtcNow).RunAsync(new WeekScale(500, 150), CancellationToken.None);

        Assert.Equal(150, week.Prescriptions);
        Assert.InRange(week.Controlled, 1, 30);
        Assert.InRange(week.HighRisk, 1, 40);
        Assert.InRange(week.Collected, 1, week.Prescriptions - 1);

        // Pharmacies: each morning's digests are exactly the pharmacies with pending work, plus one alert per controlled
        // prescription, and nothing for routine or high-risk ones.
        Assert.Equal(week.PendingPharmaciesPerDay, week.DigestsPerDay);
        Assert.Equal(7, week.DigestsPerDay.Count);
        Assert.Equal(week.PendingPharmaciesPerDay.Sum(), week.Sent(EmailTemplates.PharmacyDigestKind));
        Assert.Equal(week.Controlled, week.Sent(EmailTemplates.PharmacyControlledKind));
        Assert.Equal(week.PendingPharmaciesPerDay.Sum() + week.Controlled, week.PharmacyEmails);
        Assert.Equal(3, week.Pharmacies.Count);
        foreach (var pharmacy in week.Pharmacies)
        {
            Assert.Equal(pharmacy.DaysWithPendingWork, pharmacy.Digests);
            Assert.Equal(7, pharmacy.Digests);
            Assert.Equal(pharmacy.Controlled, pharmacy.Alerts);
            Assert.True(pharmacy.Digests + pharmacy.Alerts < pharmacy.Prescriptions, $"{pharmacy.Name} gets fewer emails than prescriptions");
        }

        // Patients: one email per approval and one per collection.
        Assert.Equal(week.Prescriptions, week.Sent(EmailTemplates.PatientApprovedKind));
        Assert.Equal(week.Collected, week.Sent(EmailTemplates.PatientCollectedKind));
        Assert.Equal(week.Prescriptions + week.Collected, week.PatientEmails);

        // Everything queued was delivered.
        Assert.Equal(week.PatientEmails + week.PharmacyEmails, week.Delivered);
    }
}
