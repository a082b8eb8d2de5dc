using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Eps.Core.Data.Quartz;

/// <summary>
/// The tables of Quartz's clustered job store on the server engines, created by the migrations (the app's database
/// account needs no DDL rights at run time, and Quartz only validates them at start). The scripts are the ones the
/// Quartz 4.7.3 package carries for its own schema provisioning, unchanged: statements separated by <c>--;;</c> lines,
/// <c>{0}</c> the table prefix and <c>{1}</c> the prefix in index and constraint names. SQLite has none: Quartz keeps
/// its schedule in memory there (one instance; SQLite cannot be clustered).
/// </summary>
public static class QuartzSchema
{
    /// <summary>Prefix of every Quartz table; PostgreSQL folds the unquoted names to lower case (<c>qrtz_triggers</c>).</summary>
    public const string TablePrefix = "QRTZ_";

    private static readonly string[] Tables =
    [
        "JOB_STATUS", "MISFIRE_HISTORY", "EXECUTION_HISTORY", "LOCKS", "SCHEDULER_STATE", "FIRED_TRIGGERS", "PAUSED_JOB_GRPS",
        "PAUSED_TRIGGER_GRPS", "CALENDARS", "BLOB_TRIGGERS", "SIMPROP_TRIGGERS", "CRON_TRIGGERS", "SIMPLE_TRIGGERS", "TRIGGERS",
        "JOB_DETAILS",
    ];

    /// <summary>Creates the tables and indexes, one migration statement per script statement.</summary>
    public static void Create(MigrationBuilder migrationBuilder, string script)
    {
        foreach (var statement in Statements(script))
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>Drops the tables, dependants first.</summary>
    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"DROP TABLE {TablePrefix}{table}");
        }
    }

    /// <summary>The statements of <c>tables_postgres.sql</c> or <c>tables_sqlServer.sql</c> with the prefix filled in.</summary>
    internal static IReadOnlyList<string> Statements(string script)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"{typeof(QuartzSchema).Namespace}.{script}")
            ?? throw new InvalidOperationException($"The Quartz schema script '{script}' is not embedded in Eps.Core.");
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().ReplaceLineEndings("\n").Split("\n--;;\n")
            .Select(s => s.Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal).Trim())
            .Where(s => s.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)))];
    }
}
