using System.Diagnostics;
using System.Globalization;
using Eps.Core.Notifications;

namespace Eps.Benchmarks.Notifications;

/// <summary>
/// <c>notifications [--patients 5000] [--prescriptions 1500]</c>: a simulated week through the real core, printed as
/// emails per recipient type, against the seed's one email to the pharmacy per prescription.
/// </summary>
internal static class NotificationsBenchmark
{
    public static bool TryParse(ReadOnlySpan<string> args, out WeekScale scale)
    {
        scale = new WeekScale(5_000, 1_500);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--patients":
                    scale = scale with { Patients = value };
                    break;
                case "--prescriptions":
                    scale = scale with { Prescriptions = value };
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    public static async Task RunAsync(WeekScale scale, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        await using var core = await SimulatedCore.StartAsync(WeekSimulation.Start.AddHours(-14));
        var week = await new WeekSimulation(core.Services, core.Clock.Set).RunAsync(scale, CancellationToken.None);
        Print(week, watch.Elapsed, output);
    }

    private static void Print(WeekResult week, TimeSpan elapsed, TextWriter o)
    {
        var pharmacies = week.Pharmacies.Count;
        var digests = week.Sent(EmailTemplates.PharmacyDigestKind);
        var alerts = week.Sent(EmailTemplates.PharmacyControlledKind);
        var routine = week.Prescriptions - week.Controlled - week.HighRisk;
        o.WriteLine(Invariant($"Notifications over a simulated week: {week.Patients:N0} patients, {week.Prescriptions:N0} prescriptions ") +
            Invariant($"({week.Controlled:N0} controlled, {week.HighRisk:N0} high-risk, {routine:N0} routine) at {pharmacies} pharmacies, ") +
            Invariant($"{week.Collected:N0} collected; digest at 08:00 Africa/Lagos each morning."));
        o.WriteLine();
        o.WriteLine(Invariant($"{"recipient type",-40} {"emails/week",12} {"per pharmacy",13}"));
        Row(o, "patients: approved", week.Sent(EmailTemplates.PatientApprovedKind), null);
        Row(o, "patients: collected", week.Sent(EmailTemplates.PatientCollectedKind), null);
        Row(o, "patients, total", week.PatientEmails, null);
        Row(o, "pharmacies: daily digests", digests, (double)digests / pharmacies);
        Row(o, "pharmacies: controlled-drug alerts", alerts, (double)alerts / pharmacies);
        Row(o, "pharmacies, total", week.PharmacyEmails, (double)week.PharmacyEmails / pharmacies);
        Row(o, "seed: pharmacies, one per prescription", week.Prescriptions, (double)week.Prescriptions / pharmacies);
        o.WriteLine();

        o.WriteLine(Invariant($"{"pharmacy",-28} {"prescriptions",13} {"controlled",10} {"digests",8} {"alerts",7} {"emails",7} {"seed",6}"));
        foreach (var p in week.Pharmacies)
        {
            o.WriteLine(Invariant(
                $"{p.Name,-28} {p.Prescriptions,13:N0} {p.Controlled,10:N0} {p.Digests,8} {p.Alerts,7:N0} {p.Digests + p.Alerts,7:N0} {p.Prescriptions,6:N0}"));
        }

        o.WriteLine();
        var holds = week.DigestsPerDay.SequenceEqual(week.PendingPharmaciesPerDay)
            && week.PharmacyEmails == week.PendingPharmaciesPerDay.Sum() + week.Controlled
            && alerts == week.Controlled;
        o.WriteLine(Invariant($"pharmacies with pending work at 08:00, day by day: {string.Join(" ", week.PendingPharmaciesPerDay)}; ") +
            Invariant($"digests queued: {string.Join(" ", week.DigestsPerDay)}"));
        o.WriteLine(Invariant($"rule: pharmacy emails {week.PharmacyEmails:N0} = {week.PendingPharmaciesPerDay.Sum()} digests + ") +
            Invariant($"{week.Controlled:N0} controlled prescriptions, 0 per routine or high-risk one: {(holds ? "holds" : "BROKEN")}"));
        o.WriteLine(Invariant($"delivered {week.Delivered:N0} messages; simulated in {elapsed.TotalSeconds:0.0} s"));
    }

    private static void Row(TextWriter o, string label, int perWeek, double? perPharmacy) =>
        o.WriteLine(Invariant($"{label,-40} {perWeek,12:N0} {(perPharmacy is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) : "-"),13}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
