using System.ComponentModel.DataAnnotations;

namespace Eps.Core.Data;

/// <summary>Which database engine Eps runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL and SQL Server; for SQLite defaults to <c>eps.db</c> in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Seed the demo pharmacies, catalogue and users on start.</summary>
    public bool SeedDemoData { get; set; } = true;
}
