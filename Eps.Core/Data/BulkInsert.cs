using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Eps.Core.Data;

/// <summary>
/// Multi-row INSERTs of append-only rows through the context's connection and current transaction: no change tracking
/// and one statement per chunk, for a hot path that writes many small rows at once. Table, columns, parameter types and
/// value conversions all come from the EF model, so the statement is the provider's own.
/// </summary>
internal static class BulkInsert
{
    /// <summary>SQL Server allows 2,100 parameters in one command.</summary>
    private const int MaxParameters = 2_000;

    public static async Task InsertAsync<T>(EpsDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd)
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var perCommand = Math.Max(1, MaxParameters / columns.Length);

        var connection = db.Database.GetDbConnection();
        for (var start = 0; start < rows.Count; start += perCommand)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            for (var r = start; r < Math.Min(rows.Count, start + perCommand); r++)
            {
                text.Append(r == start ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var (property, _, mapping) = columns[c];
                    var name = sql.GenerateParameterName(FormattableString.Invariant($"p{r - start}_{c}"));
                    command.Parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValue(rows[r]), property.IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(FormattableString.Invariant($"p{r - start}_{c}")));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
