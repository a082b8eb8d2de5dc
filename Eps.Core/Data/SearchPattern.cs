namespace Eps.Core.Data;

/// <summary>
/// Builds LIKE patterns for user search terms, in lower case. LIKE's case rules differ per engine (insensitive for
/// ASCII on SQLite and under SQL Server's default collation, sensitive on PostgreSQL), so a search compares the
/// lower-cased column with a lower-cased pattern — <c>EF.Functions.Like(x.Name.ToLower(), pattern, Escape)</c> — and
/// finds the same rows on every provider.
/// </summary>
public static class SearchPattern
{
    public const string Escape = "\\";

    /// <summary>"%term%" with the wildcard characters of the term escaped.</summary>
    public static string Containing(string term) =>
        "%" + term.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";

    /// <summary>"term%" with the wildcard characters of the term escaped.</summary>
    public static string StartingWith(string term) => Containing(term)[1..];
}
