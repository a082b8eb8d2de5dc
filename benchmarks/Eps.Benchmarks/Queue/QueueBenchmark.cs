using System.Diagnostics;
using Eps.Benchmarks.Reporting;
using Eps.Core.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Queue;

/// <summary>Time to bulk-seed one checkpoint (prescriptions with their requests and items).</summary>
internal sealed record SeedFigure(int TotalPrescriptions, int Added, double Seconds);

/// <summary>Everything the queue command measured; printed as markdown and saved as JSON.</summary>
internal sealed record QueueReport(string Machine, QueueOptions Options, int Patients, double PatientSeconds,
    IReadOnlyList<SeedFigure> Seeding, IReadOnlyList<QueryFigure> Queries, PushFigure Push);

/// <summary>
/// The queue benchmark: the queue's first page + stats on a bulk-seeded SQLite database at 100,000 and at the
/// full total (10,000 pending at one pharmacy both times), then approval → row delay with one queue open in chromium.
/// </summary>
internal static class QueueBenchmark
{
    public const double QueryTargetMs = 150;
    public const double PushTargetMs = 100;
    private const int Patients = 5_000;

    public static async Task RunAsync(QueueOptions options, TextWriter output, TextWriter progress)
    {
        var machine = Artifacts.Machine;
        var (patientSeconds, seeding, queries) = await MeasureQueriesAsync(options, progress);

        // A fresh app and data folder: the pending count stays below one page, so each new row lands on the first page.
        progress.WriteLine($"push: {options.Approvals} approvals with one queue open in chromium ...");
        var push = await PushBenchmark.RunAsync(options.Approvals, progress);

        var report = new QueueReport(machine, options, Patients, patientSeconds, seeding, queries, push);
        QueueReportWriter.Print(report, output);
        output.WriteLine();
        output.WriteLine($"Figures saved to {QueueReportWriter.Save(report)}");
    }

    private static async Task<(double PatientSeconds, List<SeedFigure> Seeding, List<QueryFigure> Queries)> MeasureQueriesAsync(
        QueueOptions options, TextWriter progress)
    {
        var (seeding, queries) = (new List<SeedFigure>(), new List<QueryFigure>());
        await using var app = new BenchApp();
        progress.WriteLine($"app: migrated and demo-seeded at {app.BaseUrl} (data in {app.DataPath})");
        using var capture = new QueryCapture();

        var start = Stopwatch.GetTimestamp();
        using var seeder = QueueSeeder.Open(app.ConnectionString, Approver.PharmacyCode, Patients);
        var patientSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var queue = app.Services.GetRequiredService<QueueQuery>();
        foreach (var checkpoint in options.Checkpoints)
        {
            var added = checkpoint - seeder.Seeded;
            progress.WriteLine($"seeding {added:N0} prescriptions (to {checkpoint:N0}) ...");
            start = Stopwatch.GetTimestamp();
            seeder.SeedTo(checkpoint, options.Pending);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            seeding.Add(new SeedFigure(checkpoint, added, seconds));
            progress.WriteLine($"  {seconds:0.0} s");

            foreach (var (name, filter) in QueryTiming.Scenarios)
            {
                progress.WriteLine($"  timing {name} ...");
                queries.Add(await QueryTiming.MeasureAsync(
                    queue, app.ConnectionString, seeder.TargetPharmacyId, checkpoint, name, filter, options.Calls));
            }
        }

        return (patientSeconds, seeding, queries);
    }
}
