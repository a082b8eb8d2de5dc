using Microsoft.EntityFrameworkCore.Migrations;

namespace Eps.Core.Queue.Counts;

/// <summary>
/// The triggers that keep <see cref="PharmacyQueueCount"/> and <see cref="PatientQueueCount"/> equal to the
/// prescriptions they count, in each engine's own dialect, plus the one-off fill from the rows already there. A trigger
/// runs inside the statement that changes the rows, so the counts commit or roll back with the change itself and no
/// code path (issue, dispense, cancel, a patient moving prescriptions, a bulk load) can forget them.
/// </summary>
/// <remarks>
/// SQLite has row triggers only: two upserts per changed row. PostgreSQL and SQL Server run one statement-level trigger
/// per statement over its transition tables, so a bulk insert or a move of many rows folds into one upsert per count.
/// The counts group by (pharmacy, state, schedule, risk), the patient's counts by the patient as well; a change that
/// leaves all of those alike (marking ready, a reminder sent) changes no count.
/// </remarks>
public static class QueueCountTriggers
{
    public const string PharmacyTable = "PharmacyQueueCounts";
    public const string PatientTable = "PatientQueueCounts";

    /// <summary>The trigger names, declared to EF so that it does not use RETURNING / OUTPUT on the table.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Prescriptions_QueueCounts_Insert", "Prescriptions_QueueCounts_Update", "Prescriptions_QueueCounts_Delete"];

    private static readonly string[] PharmacyKey = ["PharmacyId", "Status", "Schedule", "RiskLevel"];
    private static readonly string[] PatientKey = ["PharmacyId", "PatientId", "Status", "Schedule", "RiskLevel"];

    private static IEnumerable<(string Table, string[] Key)> Tables => [(PharmacyTable, PharmacyKey), (PatientTable, PatientKey)];

    /// <summary>Fills the counts from the prescriptions present, then creates the triggers (run inside the migration's transaction).</summary>
    public static void Create(MigrationBuilder migration, string engine)
    {
        foreach (var fill in Fill(engine))
        {
            migration.Sql(fill);
        }

        foreach (var statement in engine switch
                 {
                     Sqlite => SqliteTriggers(),
                     Postgres => PostgresTriggers(),
                     SqlServer => SqlServerTriggers(),
                     _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown engine."),
                 })
        {
            migration.Sql(statement);
        }
    }

    /// <summary>
    /// The statements that count the prescriptions present into the empty count tables: the migration's fill, and a
    /// bulk import's after it loaded rows with the triggers disabled (having emptied the counts first).
    /// </summary>
    internal static IEnumerable<string> Fill(string engine) => Tables.Select(t =>
    {
        var columns = Columns(t.Key, engine);
        return $"INSERT INTO {Q(t.Table, engine)} ({columns}, {Q("Count", engine)}) SELECT {columns}, COUNT(*) FROM {Q("Prescriptions", engine)} GROUP BY {columns};";
    });

    public static void Drop(MigrationBuilder migration, string engine)
    {
        foreach (var name in Names)
        {
            migration.Sql(engine switch
            {
                Postgres => $"DROP TRIGGER IF EXISTS \"{name}\" ON \"Prescriptions\"; DROP FUNCTION IF EXISTS \"{name}\"();",
                SqlServer => $"DROP TRIGGER IF EXISTS [{name}];",
                _ => $"DROP TRIGGER IF EXISTS \"{name}\";",
            });
        }
    }

    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string SqlServer = "SqlServer";

    private static IEnumerable<string> SqliteTriggers()
    {
        string Add(string row) => string.Concat(Tables.Select(t =>
            $"INSERT INTO \"{t.Table}\" ({Columns(t.Key, Sqlite)}, \"Count\") VALUES ({string.Join(", ", t.Key.Select(c => $"{row}.\"{c}\""))}, 1) " +
            $"ON CONFLICT ({Columns(t.Key, Sqlite)}) DO UPDATE SET \"Count\" = \"Count\" + 1;\n"));
        string Subtract(string row) => string.Concat(Tables.Select(t =>
            $"UPDATE \"{t.Table}\" SET \"Count\" = \"Count\" - 1 WHERE {string.Join(" AND ", t.Key.Select(c => $"\"{c}\" = {row}.\"{c}\""))};\n"));
        var changed = string.Join(" OR ", PatientKey.Select(c => $"OLD.\"{c}\" <> NEW.\"{c}\""));

        yield return $"CREATE TRIGGER \"{Names[0]}\" AFTER INSERT ON \"Prescriptions\" BEGIN\n{Add("NEW")}END;";
        yield return $"CREATE TRIGGER \"{Names[1]}\" AFTER UPDATE OF {Columns(PatientKey, Sqlite)} ON \"Prescriptions\" WHEN {changed} BEGIN\n{Subtract("OLD")}{Add("NEW")}END;";
        yield return $"CREATE TRIGGER \"{Names[2]}\" AFTER DELETE ON \"Prescriptions\" BEGIN\n{Subtract("OLD")}END;";
    }

    private static IEnumerable<string> PostgresTriggers()
    {
        // One upsert per count table over the statement's net change; ordered by key so that concurrent statements take
        // the count rows' locks in the same order.
        string Apply(string changes) => string.Concat(Tables.Select(t =>
        {
            var columns = Columns(t.Key, Postgres);
            return $"""
                INSERT INTO "{t.Table}" AS c ({columns}, "Count")
                SELECT {columns}, sum(n)::integer FROM ({changes.Replace("{columns}", columns, StringComparison.Ordinal)}) AS change
                GROUP BY {columns} HAVING sum(n) <> 0 ORDER BY {columns}
                ON CONFLICT ({columns}) DO UPDATE SET "Count" = c."Count" + EXCLUDED."Count";

                """;
        }));

        const string Added = "SELECT {columns}, 1 AS n FROM new_rows";
        const string Removed = "SELECT {columns}, -1 AS n FROM old_rows";
        foreach (var (name, when, transition, changes) in new[]
                 {
                     (Names[0], "INSERT", "NEW TABLE AS new_rows", Added),
                     (Names[1], "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", $"{Removed} UNION ALL {Added}"),
                     (Names[2], "DELETE", "OLD TABLE AS old_rows", Removed),
                 })
        {
            yield return $"""
                CREATE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                {Apply(changes)}RETURN NULL;
                END
                $body$;
                """;
            yield return $"CREATE TRIGGER \"{name}\" AFTER {when} ON \"Prescriptions\" REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION \"{name}\"();";
        }
    }

    private static IEnumerable<string> SqlServerTriggers()
    {
        string Apply(string changes) => string.Concat(Tables.Select(t =>
        {
            var columns = Columns(t.Key, SqlServer);
            var match = string.Join(" AND ", t.Key.Select(c => $"c.[{c}] = d.[{c}]"));
            return $"""
                MERGE [{t.Table}] WITH (HOLDLOCK) AS c
                USING (SELECT {columns}, SUM(n) AS n FROM ({changes.Replace("{columns}", columns, StringComparison.Ordinal)}) AS change
                       GROUP BY {columns} HAVING SUM(n) <> 0) AS d
                ON {match}
                WHEN MATCHED THEN UPDATE SET [Count] = c.[Count] + d.n
                WHEN NOT MATCHED THEN INSERT ({columns}, [Count]) VALUES ({string.Join(", ", t.Key.Select(c => $"d.[{c}]"))}, d.n);

                """;
        }));

        const string Added = "SELECT {columns}, 1 AS n FROM inserted";
        const string Removed = "SELECT {columns}, -1 AS n FROM deleted";
        foreach (var (name, when, changes) in new[]
                 {
                     (Names[0], "INSERT", Added),
                     (Names[1], "UPDATE", $"{Removed} UNION ALL {Added}"),
                     (Names[2], "DELETE", Removed),
                 })
        {
            // In EXEC: CREATE TRIGGER must start its batch, and the idempotent script wraps each statement in an IF.
            var create = $"""
                CREATE TRIGGER [{name}] ON [Prescriptions] AFTER {when} AS
                BEGIN
                SET NOCOUNT ON;
                {Apply(changes)}END;
                """;
            yield return $"EXEC(N'{create.Replace("'", "''", StringComparison.Ordinal)}');";
        }
    }

    private static string Columns(IEnumerable<string> key, string engine) =>
        string.Join(", ", key.Select(c => Q(c, engine)));

    private static string Q(string name, string engine) => engine == SqlServer ? $"[{name}]" : $"\"{name}\"";
}
