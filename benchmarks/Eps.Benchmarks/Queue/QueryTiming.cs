using System.Diagnostics;
using Eps.Benchmarks.Databases;
using Eps.Core.Queue;

namespace Eps.Benchmarks.Queue;

/// <summary>One SQL statement of a queue call: its text, its time to first row, and the engine's plan for it.</summary>
internal sealed record StatementFigure(string Sql, Summary Ms, string Plan);

/// <summary>Server time of one queue call shape at one database size.</summary>
internal sealed record QueryFigure(string Scenario, int TotalPrescriptions, int MatchingRows, int PageRows, Summary Ms,
    IReadOnlyList<StatementFigure> Statements);

/// <summary>Times <see cref="QueueQuery.PageAsync"/> warm, as the page calls it: first page, 25 rows, count and stats.</summary>
internal static class QueryTiming
{
    private const int WarmUpCalls = 3;

    /// <summary>Every tab, without and with a search by surname (one patient in 25 has it).</summary>
    public static IReadOnlyList<(string Name, QueueFilter Filter)> Scenarios { get; } =
    [
        .. new[] { QueueTab.Pending, QueueTab.Ready, QueueTab.Dispensed, QueueTab.Expired }.SelectMany(tab => new[]
        {
            ($"{tab}, first page", new QueueFilter(tab)),
            ($"{tab}, search \"{QueueSeeder.SearchTerm}\"", new QueueFilter(tab, Search: QueueSeeder.SearchTerm)),
        }),
    ];

    public static async Task<QueryFigure> MeasureAsync(QueueQuery queue, BenchEngine engine, string connectionString, int pharmacyId, int total,
        string scenario, QueueFilter filter, int calls)
    {
        for (var i = 0; i < WarmUpCalls; i++)
        {
            await queue.PageAsync(pharmacyId, filter, 0, 25, CancellationToken.None);
        }

        var times = new List<double>(calls);
        var statements = new List<List<CapturedCommand>>(calls);
        QueuePage? page = null;
        for (var i = 0; i < calls; i++)
        {
            var captured = QueryCapture.Begin();
            var start = Stopwatch.GetTimestamp();
            page = await queue.PageAsync(pharmacyId, filter, 0, 25, CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            QueryCapture.End();
            statements.Add(captured);
        }

        // Statement i of every call is the same SQL (stats, then rows); the plan comes from the last call's values.
        var figures = statements[^1].Select((last, i) => new StatementFigure(
                last.Sql,
                Summary.Of([.. statements.Where(s => s.Count > i).Select(s => s[i].Ms)]),
                QueryCapture.Explain(engine, connectionString, last)))
            .ToList();
        return new QueryFigure(scenario, total, page!.TotalRows, page.Rows.Count, Summary.Of(times), figures);
    }
}
