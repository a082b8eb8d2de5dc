using Eps.Core.Reporting;

namespace Eps.Core.Audit;

/// <summary>What the audit browser shows: a period and, optionally, one kind, an actor and a subject (null: any).</summary>
public sealed record AuditFilter(ReportPeriod Period, string? Kind = null, string? Actor = null, string? Subject = null)
{
    public const int MaxKindLength = 32;
    public const int MaxActorLength = 256;
    public const int MaxSubjectLength = 64;

    /// <summary>
    /// The filter of query values (dates like <c>2026-11-01</c>; blank kind, actor or subject match anything); otherwise
    /// the field at fault and why.
    /// </summary>
    public static bool TryParse(string? from, string? to, string? kind, string? actor, string? subject,
        out AuditFilter filter, out (string Field, string Message) error)
    {
        filter = null!;
        return ReportPeriod.TryParse(from, to, out var period, out error) && TryCreate(period, kind, actor, subject, out filter, out error);
    }

    /// <summary>The filter of a chosen period and typed values (blank: any); otherwise the field at fault and why.</summary>
    public static bool TryCreate(ReportPeriod period, string? kind, string? actor, string? subject,
        out AuditFilter filter, out (string Field, string Message) error)
    {
        filter = null!;
        if (period.Problem is { } problem)
        {
            error = ("to", problem);
            return false;
        }

        kind = Blank(kind);
        if (kind is not null && (kind.Length > MaxKindLength || !kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')))
        {
            error = ("kind", $"kind must be an entry kind such as verification or dispense (lower-case letters, digits, '-' or '_', at most {MaxKindLength}).");
            return false;
        }

        actor = Blank(actor);
        if (actor is not null && (actor.Length > MaxActorLength || actor.Any(char.IsControl)))
        {
            error = ("actor", $"actor must be part of a name or email, or a user id, at most {MaxActorLength} characters.");
            return false;
        }

        subject = Blank(subject);
        if (subject is not null && (subject.Length > MaxSubjectLength || subject.Any(char.IsControl)))
        {
            error = ("subject", $"subject must be part of a prescription ID, request reference or other subject, at most {MaxSubjectLength} characters.");
            return false;
        }

        filter = new(period, kind, actor, subject);
        error = default;
        return true;
    }

    /// <summary>The filter as query values, the form <see cref="TryParse"/> reads.</summary>
    public string ToQuery() => Period.ToQuery() + Value("kind", Kind) + Value("actor", Actor) + Value("subject", Subject);

    private static string Value(string name, string? value) => value is null ? "" : $"&{name}={Uri.EscapeDataString(value)}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
