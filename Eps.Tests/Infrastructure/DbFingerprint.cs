using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Eps.Tests.Infrastructure;

/// <summary>A content hash of every row of every table, per table, so a test can prove that rejected writes changed nothing.</summary>
public static class DbFingerprint
{
    public static async Task<Dictionary<string, string>> TakeAsync(EpsApp app)
    {
        await using var db = await app.NewDbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // Every table of the model: the same names on every provider.
        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

        var hashes = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            hashes[table] = await HashAsync(connection, sql.DelimitIdentifier(table));
        }

        return hashes;
    }

    /// <summary>The tables whose rows differ between two fingerprints, ignoring <paramref name="mayChange"/>.</summary>
    public static List<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after, IEnumerable<string>? mayChange = null)
    {
        var allowed = (mayChange ?? []).ToHashSet(StringComparer.Ordinal);
        return [.. before.Keys.Union(after.Keys).Where(t => !allowed.Contains(t))
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Row order is not part of the content: each row is hashed and the sorted row hashes are hashed.</summary>
    private static async Task<string> HashAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        var row = new StringBuilder();
        while (await reader.ReadAsync())
        {
            row.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "\u0001null" : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : reader.GetValue(i).ToString();
                row.Append(value).Append('\u0000');
            }

            rows.Add(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(row.ToString()))));
        }

        rows.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))));
    }
}
