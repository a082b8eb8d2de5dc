using Eps.Core.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// The engine the database-touching tests run on, chosen per test run: SQLite files by default;
/// <c>EPS_TEST_PROVIDER=Postgres</c> with <c>EPS_TEST_POSTGRES</c> (a server connection string; <c>test.sh</c> starts a
/// private cluster and sets both) or <c>EPS_TEST_PROVIDER=SqlServer</c> with <c>EPS_TEST_SQLSERVER</c>. On a server
/// each harness gets a fresh database of its own, dropped when the harness is disposed.
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("EPS_TEST_PROVIDER"), ignoreCase: true, out var p)
            ? p
            : DatabaseProvider.Sqlite;

    public static bool IsServer => Provider != DatabaseProvider.Sqlite;

    /// <summary>A new, empty database on the run's engine; SQLite needs none (the app creates its file).</summary>
    public static TestDatabaseInstance Create() => Provider switch
    {
        DatabaseProvider.Postgres => Postgres.Create(),
        DatabaseProvider.SqlServer => SqlServer.Create(),
        _ => new TestDatabaseInstance([], () => { }),
    };

    private static string Required(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"EPS_TEST_PROVIDER={Provider} needs {variable} (a connection string to the server).");

    private static string NewName() => "eps_t_" + Guid.NewGuid().ToString("N")[..16];

    private static class Postgres
    {
        private static readonly Lock TemplateLock = new();
        private static string? _template;

        public static TestDatabaseInstance Create()
        {
            var server = new NpgsqlConnectionStringBuilder(Required("EPS_TEST_POSTGRES")) { Database = "postgres", Pooling = false };
            var name = NewName();
            // Migrating costs ~1 s; copying a migrated template costs a few ms.
            Execute(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{Template(server)}\"");
            var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = true };
            return new TestDatabaseInstance(Settings(DatabaseProvider.Postgres, database.ConnectionString), () =>
            {
                using (var connection = new NpgsqlConnection(database.ConnectionString))
                {
                    NpgsqlConnection.ClearPool(connection);
                }

                Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            });
        }

        /// <summary>A migrated database to copy, named by the last migration so that a changed schema gets a new one.</summary>
        private static string Template(NpgsqlConnectionStringBuilder server)
        {
            lock (TemplateLock)
            {
                if (_template is not null)
                {
                    return _template;
                }

                using var probe = new PostgresEpsDbContext(DesignTimeOptions.Postgres(server.ConnectionString));
                var name = "eps_template_" + probe.Database.GetMigrations().Last()[..14];
                if (Scalar(server, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'") == 0)
                {
                    var building = name + "_" + Environment.ProcessId;
                    Execute(server, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                    Execute(server, $"CREATE DATABASE \"{building}\"");
                    var target = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = building };
                    using (var db = new PostgresEpsDbContext(DesignTimeOptions.Postgres(target.ConnectionString)))
                    {
                        db.Database.Migrate();
                    }

                    Execute(server, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }

                return _template = name;
            }
        }

        private static void Execute(NpgsqlConnectionStringBuilder server, string sql)
        {
            using var connection = new NpgsqlConnection(server.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }

        private static long Scalar(NpgsqlConnectionStringBuilder server, string sql)
        {
            using var connection = new NpgsqlConnection(server.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static class SqlServer
    {
        public static TestDatabaseInstance Create()
        {
            var server = new SqlConnectionStringBuilder(Required("EPS_TEST_SQLSERVER")) { InitialCatalog = "master", Pooling = false };
            var name = NewName();
            Execute(server, $"CREATE DATABASE [{name}]");
            var database = new SqlConnectionStringBuilder(server.ConnectionString) { InitialCatalog = name, Pooling = true };
            return new TestDatabaseInstance(Settings(DatabaseProvider.SqlServer, database.ConnectionString), () =>
            {
                SqlConnection.ClearAllPools();
                Execute(server, $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
            });
        }

        private static void Execute(SqlConnectionStringBuilder server, string sql)
        {
            using var connection = new SqlConnection(server.ConnectionString);
            connection.Open();
            using var command = new SqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }

    private static KeyValuePair<string, string?>[] Settings(DatabaseProvider provider, string connectionString) =>
        [new("Database:Provider", provider.ToString()), new("Database:ConnectionString", connectionString)];
}

/// <summary>One test's database: the settings that point the app at it, and its removal.</summary>
public sealed class TestDatabaseInstance(IReadOnlyList<KeyValuePair<string, string?>> settings, Action drop) : IDisposable
{
    public IReadOnlyList<KeyValuePair<string, string?>> Settings => settings;

    public void Dispose() => drop();
}
