using System.Diagnostics;
using Eps.Benchmarks.Databases;
using Eps.Benchmarks.Reporting;
using Eps.Core.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Queue;

/// <summary>Time to bulk-seed one checkpoint (prescriptions with their requests and items).</summary>
internal sealed record SeedFigure(int TotalPrescriptions, int Added, double Seconds);

/// <summary>Everything the queue command measured; printed as markdown and saved as JSON.</summary>
internal sealed record QueueReport(string Machine, string Database, string DatabaseVersion, QueueOptions Options, int Patients,
    double PatientSeconds, string SeedMethod, IReadOnlyList<SeedFigure> Seeding, IReadOnlyList<QueryFigure> Queries, PushFigure Push);

/// <summary>
/// The queue benchmark: every tab's first page + stats, with and without a search, on a bulk-seeded database
/// (SQLite or PostgreSQL) at 100,000, 1,000,000 and the full total (10,000,000 by default; 10,000 pending at one
/// pharmacy every time), then approval → row delay with one queue open in chromium, on a fresh database of the same engine.
/// </summary>
internal static class QueueBenchmark
{
    public const double QueryTargetMs = 50;
    public const double PushTargetMs = 100;
    private const int Patients = 5_000;

    public static async Task RunAsync(QueueOptions options, BenchEngine engine, TextWriter output, TextWriter progress)
    {
        var machine = Artifacts.Machine;
        await using var database = await BenchDatabase.StartAsync(engine, progress);
        var (patientSeconds, method, seeding, queries) = await MeasureQueriesAsync(options, await database.CreateAsync("queue"), progress);

        // A fresh app, data folder and database: the pending count stays below one page, so each new row lands on the first page.
        progress.WriteLine($"push: {options.Approvals} approvals with one queue open in chromium ...");
        var push = await PushBenchmark.RunAsync(options.Approvals, await database.CreateAsync("push"), progress);

        var report = new QueueReport(machine, engine.Name(), database.Version, options, Patients, patientSeconds, method, seeding, queries, push);
        QueueReportWriter.Print(report, output);
        output.WriteLine();
        output.WriteLine($"Figures saved to {QueueReportWriter.Save(report)}");
    }

    private static async Task<(double PatientSeconds, string Method, List<SeedFigure> Seeding, List<QueryFigure> Queries)> MeasureQueriesAsync(
        QueueOptions options, IReadOnlyDictionary<string, string> database, TextWriter progress)
    {
        var (seeding, queries) = (new List<SeedFigure>(), new List<QueryFigure>());
        await using var app = new BenchApp(database: database);
        progress.WriteLine($"app: migrated and demo-seeded on {app.Engine.Label()} at {app.BaseUrl} (data in {app.DataPath})");
        using var capture = new QueryCapture();

        var start = Stopwatch.GetTimestamp();
        using var seeder = QueueSeeder.Open(app.Engine, app.ConnectionString, Approver.PharmacyCode, Patients);
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
                    queue, app.Engine, app.ConnectionString, seeder.TargetPharmacyId, checkpoint, name, filter, options.Calls));
            }
        }

        return (patientSeconds, seeder.Method, seeding, queries);
    }
}
