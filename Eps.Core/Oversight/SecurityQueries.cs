using Eps.Core.Data;
using Eps.Core.Dispensing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Oversight;

/// <summary>Filter of the failed-attempts list.</summary>
public sealed record FailureFilter(string? Step = null, string? ClientIp = null, string? PharmacyCode = null, DateTime? From = null, DateTime? To = null);

/// <summary>A failed verification or dispense attempt as the monitor lists it.</summary>
public sealed record FailureRow(long Id, DateTime At, string Kind, string? Step, string Reason, string? ClientIp, string? ClaimedPharmacy,
    string? Pharmacy, string? PrescriptionId);

/// <summary>Read side of the security monitor.</summary>
public sealed class SecurityQueries(IDbContextFactory<EpsDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<FailureRow> Rows, int Total)> FailuresAsync(FailureFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var q = db.VerificationAttempts.AsNoTracking().Where(a => !a.Success);
        if (!string.IsNullOrWhiteSpace(filter.Step))
        {
            q = q.Where(a => a.StepFailed == filter.Step);
        }

        if (!string.IsNullOrWhiteSpace(filter.ClientIp))
        {
            q = q.Where(a => a.ClientIp == filter.ClientIp.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.PharmacyCode))
        {
            var code = filter.PharmacyCode.Trim().ToUpperInvariant();
            var id = await db.Pharmacies.Where(p => p.Code == code).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            q = q.Where(a => a.ClaimedPharmacyCode == code || (id != null && a.AuthenticatedPharmacyId == id));
        }

        if (filter.From is { } from)
        {
            q = q.Where(a => a.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            q = q.Where(a => a.OccurredAt < to);
        }

        var total = await q.CountAsync(cancellationToken);
        var rows = await q.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Skip(skip).Take(take)
            .Select(a => new FailureRow(a.Id, a.OccurredAt, a.Kind == AttemptKind.Dispense ? "dispense" : "verify", a.StepFailed, a.Reason,
                a.ClientIp, a.ClaimedPharmacyCode,
                db.Pharmacies.Where(p => p.Id == a.AuthenticatedPharmacyId).Select(p => p.Code).FirstOrDefault(), a.ClaimedRxNumber))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    public async Task<IReadOnlyList<SecurityAlert>> AlertsAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SecurityAlerts.AsNoTracking().OrderByDescending(a => a.RaisedAt).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IncidentReport>> ReportsAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.IncidentReports.AsNoTracking().OrderByDescending(r => r.Date).Take(take).ToListAsync(cancellationToken);
    }
}
