using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Infrastructure;

/// <summary>A content hash of every row of every table, per table, so a test can prove that rejected writes changed nothing.</summary>
public static class DbFingerprint
{
    public static async Task<Dictionary<string, string>> TakeAsync(EpsApp app)
    {
        await using var db = await app.NewDbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var hashes = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            hashes[table] = await HashAsync(connection, table);
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

    private static async Task<string> HashAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "\u0001null" : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : reader.GetValue(i).ToString();
                hash.AppendData(Encoding.UTF8.GetBytes(value + "\u0000"));
            }

            hash.AppendData("\n"u8);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
