using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Eps.Tests.Core.Data;

/// <summary>Each provider's migrations match the one model, and the SQL Server script is valid T-SQL (no server needed).</summary>
public sealed class ModelTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqliteEpsDbContext(DesignTimeOptions.Sqlite("Data Source=:memory:"));
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteEpsDbContext");
        Assert.Contains(db.Model.GetEntityTypes(), e => e.GetTableName() == "AspNetUserPasskeys");
    }

    [Fact]
    public void SqlServer_migrations_match_the_model()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqlServerEpsDbContext");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new PostgresEpsDbContext(DesignTimeOptions.Postgres("Host=unused;Database=eps"));
        Assert.False(db.Database.HasPendingModelChanges(),
            "Run: dotnet ef migrations add <Name> --context PostgresEpsDbContext --output-dir Data/Migrations/Postgres");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_idempotent_SQL_Server_script_is_valid_T_SQL()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parsed = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5).Select(e => $"line {e.Line}: {e.Message}")));
        var tables = new CreatedTables();
        parsed.Accept(tables);
        Assert.Contains("Prescriptions", tables.Names);
        Assert.Contains("AuditEntries", tables.Names);
    }

    [Fact]
    public void A_script_with_a_syntax_error_is_refused_by_the_parser()
    {
        new TSql160Parser(true).Parse(new StringReader("CREATE TABLE [X] ([Id] int NOT NULL,, PRIMARY KEY ([Id]));"), out var errors);

        Assert.NotEmpty(errors);
    }

    /// <summary>The tables the script creates, wherever they sit (the idempotent script wraps each in an IF).</summary>
    private sealed class CreatedTables : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(CreateTableStatement node) => Names.Add(node.SchemaObjectName.BaseIdentifier.Value);
    }

    private static SqlServerEpsDbContext SqlServer() =>
        new(DesignTimeOptions.SqlServer("Server=unused;Database=Eps;TrustServerCertificate=True"));
}
