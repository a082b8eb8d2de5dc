namespace Eps.Tests.Architecture;

/// <summary>
/// Transactions are opened in one place: <c>UnitOfWork</c>, inside the execution strategy. (SQLite's own journal writer
/// opens ADO.NET transactions on its private connection, outside EF, and lives with the other SQLite specifics.)
/// </summary>
public sealed class TransactionTests
{
    [Fact]
    public void No_code_outside_UnitOfWork_opens_an_EF_transaction()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
        var offenders = new[] { "Eps.Core", "Eps.Web" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "UnitOfWork.cs")
            .Where(f => File.ReadAllText(f).Contains("Database.BeginTransaction", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        Assert.True(Directory.Exists(Path.Combine(root, "Eps.Core", "Data")), $"source tree not found at {root}");
        Assert.Empty(offenders);
    }
}
