using System.Data.Common;
using Eps.Core.Queue.Counts;
using Npgsql;
using NpgsqlTypes;

namespace Eps.Benchmarks.Queue;

/// <summary>
/// Binary COPY (<see cref="NpgsqlConnection.BeginBinaryImport"/>) into the tables the EF PostgreSQL model creates:
/// quoted identifiers, timestamptz in UTC, uuid nonces. COPY streams one table at a time on a connection, so a batch's
/// rows are buffered per table and copied in the order the writers were made (parents before children, so every foreign
/// key is checked against rows already there), all in one transaction.
/// </summary>
internal sealed class PostgresSeedStore : SeedStore
{
    private readonly NpgsqlConnection _connection;
    private readonly List<CopyRows> _tables = [];

    public PostgresSeedStore(string connectionString)
    {
        _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        _connection.Open();
    }

    public override DbConnection Connection => _connection;

    public override string Method => "binary COPY, 50,000 rows per transaction (secondary indexes built afterwards for an append of 500,000+), then VACUUM (ANALYZE)";

    public override IRowWriter Table(string table, bool identity, params string[] columns)
    {
        var rows = new CopyRows(table, identity, columns);
        _tables.Add(rows);
        return rows;
    }

    public override void Begin() => _tables.ForEach(t => t.Rows.Clear());

    public override void Commit()
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var table in _tables.Where(t => t.Rows.Count > 0))
        {
            table.CopyTo(_connection);
        }

        transaction.Commit();
        _tables.ForEach(t => t.Rows.Clear());
    }

    /// <summary>
    /// The loaded rows carry their own IDs, so each identity sequence is moved past them (the app's next insert would
    /// collide otherwise). VACUUM (ANALYZE) then gives the planner statistics and sets the visibility map, as autovacuum
    /// would have on a database with this much history; without it, index-only scans fetch every heap page.
    /// </summary>
    public override void Finish()
    {
        foreach (var table in _tables.Where(t => t.Identity))
        {
            Execute($"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', 'Id'), GREATEST((SELECT MAX(\"Id\") FROM \"{table.Name}\"), 1))");
        }

        // The queue's counts too: the triggers rewrote their rows once per COPY, as autovacuum would clean up over time.
        Execute($"VACUUM (ANALYZE) {string.Join(", ", _tables.Select(t => $"\"{t.Name}\"").Append("\"PharmacyQueueCounts\"").Append("\"PatientQueueCounts\""))}");
    }

    public override void Dispose() => _connection.Dispose();

    // Indexes that back a primary key or unique constraint belong to the constraint and stay.
    protected override string SecondaryIndexes(string table) =>
        $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '{table}' " +
        "AND indexname NOT IN (SELECT conname FROM pg_constraint)";

    protected override void BeforeIndexBuild() => Execute("SET maintenance_work_mem = '1GB'");

    /// <summary>
    /// A bulk import, as an operator would run one: the queue-count triggers are off while the rows stream in, and the
    /// counts are then filled from the rows with the migration's own statements. With the triggers on, each batch's
    /// statement rewrote every count row it touched, about 180 times per row on the way to 10,000,000.
    /// </summary>
    protected override void BeforeBareLoad() => Execute("ALTER TABLE \"Prescriptions\" DISABLE TRIGGER USER");

    protected override void AfterBareLoad()
    {
        using var transaction = _connection.BeginTransaction();
        Execute($"DELETE FROM \"{QueueCountTriggers.PharmacyTable}\"; DELETE FROM \"{QueueCountTriggers.PatientTable}\";");
        foreach (var fill in QueueCountTriggers.Fill(QueueCountTriggers.Postgres))
        {
            Execute(fill);
        }

        Execute("ALTER TABLE \"Prescriptions\" ENABLE TRIGGER USER");
        transaction.Commit();
    }

    /// <summary>One table's buffered rows of the current batch.</summary>
    private sealed class CopyRows(string table, bool identity, string[] columns) : IRowWriter
    {
        public string Name => table;

        public bool Identity => identity;

        public List<object?[]> Rows { get; } = [];

        public void Run(params object?[] values) => Rows.Add(values);

        public void CopyTo(NpgsqlConnection connection)
        {
            var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            using var importer = connection.BeginBinaryImport(copy);
            foreach (var row in Rows)
            {
                importer.StartRow();
                foreach (var value in row)
                {
                    Write(importer, value);
                }
            }

            importer.Complete();
        }

        private static void Write(NpgsqlBinaryImporter importer, object? value)
        {
            switch (value)
            {
                case null:
                    importer.WriteNull();
                    break;
                case string s:
                    importer.Write(s, NpgsqlDbType.Text);
                    break;
                case int i:
                    importer.Write(i, NpgsqlDbType.Integer);
                    break;
                case long l:
                    importer.Write(l, NpgsqlDbType.Bigint);
                    break;
                case bool b:
                    importer.Write(b, NpgsqlDbType.Boolean);
                    break;
                case Guid g:
                    importer.Write(g, NpgsqlDbType.Uuid);
                    break;
                case DateTime t when t.Kind == DateTimeKind.Utc:
                    importer.Write(t, NpgsqlDbType.TimestampTz);
                    break;
                default:
                    throw new NotSupportedException($"No COPY mapping for {value.GetType().Name}");
            }
        }
    }
}
