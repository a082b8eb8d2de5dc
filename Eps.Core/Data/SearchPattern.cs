namespace Eps.Core.Data;

/// <summary>
/// Builds LIKE patterns for user search terms: LIKE is case-insensitive on SQLite (ASCII) and on SQL Server's default
/// collation, unlike <c>string.Contains</c>, which SQLite translates to a case-sensitive instr().
/// </summary>
public static class SearchPattern
{
    public const string Escape = "\\";

    /// <summary>"%term%" with the wildcard characters of the term escaped.</summary>
    public static string Containing(string term) =>
        "%" + term.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";

    /// <summary>"term%" with the wildcard characters of the term escaped.</summary>
    public static string StartingWith(string term) => Containing(term)[1..];
}
