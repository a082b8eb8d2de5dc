using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Core.Data;

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
        using var db = new SqlServerEpsDbContext(DesignTimeOptions.SqlServer("Server=unused;Database=Eps;TrustServerCertificate=True"));
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqlServerEpsDbContext");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
