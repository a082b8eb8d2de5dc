using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Queue;

/// <summary>
/// What the queue's search box asked for: a patient's HPN (digits, spaces or dashes), one prescription ID (as printed,
/// or its eight digits), or part of a patient's name. Each resolves through an index: the HPN's and the ID's unique
/// indexes, and for a name the patients whose name contains the term (a trigram index on PostgreSQL), never a scan of
/// the prescriptions.
/// </summary>
internal sealed record QueueSearch(string? Hpn = null, string? RxNumber = null, string? NamePattern = null)
{
    public static QueueSearch None { get; } = new();

    public static QueueSearch Parse(string? text, string prescriptionIdPrefix)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        if (Accounts.Hpn.TryNormalize(text, out var hpn))
        {
            return new QueueSearch(Hpn: hpn);
        }

        // Names have no digits; anything with one is taken as a prescription ID.
        return text.Any(char.IsAsciiDigit)
            ? new QueueSearch(RxNumber: PrescriptionIds.Normalize(text, prescriptionIdPrefix))
            : new QueueSearch(NamePattern: SearchPattern.Containing(text));
    }

    /// <summary>The ids of the patients the search names, or null when it names none in particular (no search, or an ID).</summary>
    public IQueryable<int>? Patients(EpsDbContext db)
    {
        if (Hpn is { } hpn)
        {
            return db.Patients.Where(p => p.Hpn == hpn).Select(p => p.Id);
        }

#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), not a .NET culture-sensitive call
        return NamePattern is { } pattern
            ? db.Patients.Where(p => EF.Functions.Like(p.User.FullName.ToLower(), pattern, SearchPattern.Escape)).Select(p => p.Id)
            : null;
#pragma warning restore CA1304, CA1311
    }
}
