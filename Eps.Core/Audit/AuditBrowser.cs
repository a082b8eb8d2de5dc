using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Audit;

/// <summary>One audit entry as the browser and its export show it, with the actor's name and email resolved.</summary>
public sealed record AuditRow(
    long Sequence, DateTime At, string Kind, string? ActorUserId, string? ActorName, string? ActorEmail, string Subject, string Details,
    string PreviousHash, string Hash);

/// <summary>A page of entries, newest first, and how many match the filter in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>
/// The admin's audit browser: entries of a period filtered by kind, actor (name, email or user id) and subject, paged
/// newest first, and the same selection as CSV. Only admins read the trail; anyone else gets nothing.
/// </summary>
public sealed class AuditBrowser(IDbContextFactory<EpsDbContext> dbFactory, LocalClock clock)
{
    public const int MaxPageSize = 100;
    public const int MaxExportRows = 50_000;

    private static readonly string[] CsvHeader =
        ["sequence", "at_utc", "kind", "actor_user_id", "actor_name", "actor_email", "subject", "details", "previous_hash", "hash"];

    public async Task<AuditPage> PageAsync(Actor actor, AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return new([], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = Filtered(db, filter);
        var total = await matching.CountAsync(cancellationToken);
        var page = matching.OrderByDescending(e => e.Sequence).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize));
        var rows = await WithActors(db, page, newestFirst: true).ToListAsync(cancellationToken);
        return new(rows, total);
    }

    /// <summary>The matching entries in chain order (oldest first), at most <see cref="MaxExportRows"/>.</summary>
    public async Task<IReadOnlyList<AuditRow>> ExportAsync(Actor actor, AuditFilter filter, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var first = Filtered(db, filter).OrderBy(e => e.Sequence).Take(MaxExportRows);
        return await WithActors(db, first, newestFirst: false).ToListAsync(cancellationToken);
    }

    /// <summary>The kinds of entry the trail holds, for the kind filter.</summary>
    public async Task<IReadOnlyList<string>> KindsAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(e => e.Kind).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
    }

    /// <summary>The rows as RFC 4180 CSV (CRLF line ends, quoted where needed); formula-like cells neutralised.</summary>
    public static string ToCsv(IEnumerable<AuditRow> rows) => CsvExport.Write(CsvHeader, rows, r => (string[])
    [
        // Round-trip time format: with previous_hash and hash, the export can be re-hashed (AuditChain.HashOf) outside Eps.
        r.Sequence.ToString(CultureInfo.InvariantCulture), r.At.ToString("O", CultureInfo.InvariantCulture), r.Kind,
        r.ActorUserId ?? "", r.ActorName ?? "", r.ActorEmail ?? "", r.Subject, r.Details, r.PreviousHash, r.Hash,
    ]);

    private IQueryable<AuditEntry> Filtered(EpsDbContext db, AuditFilter filter)
    {
        var (start, end) = clock.Bounds(filter.Period);
        var query = db.AuditEntries.AsNoTracking().Where(e => e.At >= start && e.At < end);
        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
        if (filter.Actor is { } actor)
        {
            var pattern = SearchPattern.Containing(actor);
            query = query.Where(e => e.ActorUserId == actor || db.Users.Any(u => u.Id == e.ActorUserId
                && (EF.Functions.Like(u.Email!.ToLower(), pattern, SearchPattern.Escape)
                    || EF.Functions.Like(u.FullName.ToLower(), pattern, SearchPattern.Escape))));
        }

        if (filter.Subject is { } subject)
        {
            var pattern = SearchPattern.Containing(subject);
            query = query.Where(e => EF.Functions.Like(e.Subject.ToLower(), pattern, SearchPattern.Escape));
        }
#pragma warning restore CA1304, CA1311

        return query;
    }

    /// <summary>The entries with their actor's name and email (none for anonymous callers), in sequence order.</summary>
    private static IQueryable<AuditRow> WithActors(EpsDbContext db, IQueryable<AuditEntry> entries, bool newestFirst)
    {
        var joined = from e in entries
                     join u in db.Users on e.ActorUserId equals u.Id into users
                     from u in users.DefaultIfEmpty()
                     select new { Entry = e, Name = u != null ? u.FullName : null, Email = u != null ? u.Email : null };
        joined = newestFirst ? joined.OrderByDescending(x => x.Entry.Sequence) : joined.OrderBy(x => x.Entry.Sequence);
        return joined.Select(x => new AuditRow(x.Entry.Sequence, x.Entry.At, x.Entry.Kind, x.Entry.ActorUserId, x.Name, x.Email,
            x.Entry.Subject, x.Entry.Details, x.Entry.PreviousHash, x.Entry.Hash));
    }
}
