using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Eps.Benchmarks.Queue;

/// <summary>A prepared INSERT reused for every row: parameters are set in column order, then the statement runs again.</summary>
internal sealed class SqlInsert : IRowWriter, IDisposable
{
    private readonly SqliteCommand _command;

    public SqlInsert(SqliteConnection connection, string table, params string[] columns)
    {
        _command = connection.CreateCommand();
#pragma warning disable CA2100 // Table and column names are constants of this benchmark; every value is a parameter.
        _command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
#pragma warning restore CA2100
        foreach (var column in columns)
        {
            _command.Parameters.Add(new SqliteParameter("$" + column, null));
        }
    }

    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    /// <summary>EF Core's SQLite text format for DateTime; range comparisons in EF queries rely on it.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public void Run(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateTime t => Time(t),
                bool b => b ? 1 : 0,
                Guid g => g.ToString().ToUpperInvariant(),
                var v => v,
            };
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
