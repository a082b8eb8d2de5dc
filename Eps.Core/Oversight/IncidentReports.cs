using System.Globalization;
using System.Text;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Oversight;

/// <summary>The daily audit analysis: the previous day's attempts by reason, the busiest failing IPs and the alerts raised.</summary>
public sealed class IncidentReports(IDbContextFactory<EpsDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Writes the report of <paramref name="date"/> (UTC day) unless it exists; returns it.</summary>
    public async Task<IncidentReport> CreateAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.IncidentReports.AsNoTracking().FirstOrDefaultAsync(r => r.Date == date, cancellationToken) is { } existing)
        {
            return existing;
        }

        var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        var day = db.VerificationAttempts.AsNoTracking().Where(a => a.OccurredAt >= start && a.OccurredAt < end);
        var attempts = await day.CountAsync(cancellationToken);
        var byReason = await day.Where(a => !a.Success).GroupBy(a => a.StepFailed ?? a.Reason)
            .Select(g => new { Reason = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ToListAsync(cancellationToken);
        var topIps = await day.Where(a => !a.Success && a.ClientIp != null).GroupBy(a => a.ClientIp!)
            .Select(g => new { Ip = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(10).ToListAsync(cancellationToken);
        var alerts = await db.SecurityAlerts.AsNoTracking().Where(a => a.RaisedAt >= start && a.RaisedAt < end)
            .OrderBy(a => a.RaisedAt).ToListAsync(cancellationToken);

        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Verification attempts on {date:yyyy-MM-dd} (UTC): {attempts}, failed: {byReason.Sum(r => r.Count)}")
            .AppendLine().AppendLine("Failures by reason:");
        byReason.ForEach(r => body.AppendLine(CultureInfo.InvariantCulture, $"  {r.Reason}: {r.Count}"));
        body.AppendLine().AppendLine("Top failing IP addresses:");
        topIps.ForEach(i => body.AppendLine(CultureInfo.InvariantCulture, $"  {i.Ip}: {i.Count}"));
        body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Alerts raised: {alerts.Count}");
        alerts.ForEach(a => body.AppendLine(CultureInfo.InvariantCulture, $"  {a.RaisedAt:HH:mm} {a.Rule} ×{a.Occurrences}: {a.Summary}"));

        var report = new IncidentReport
        {
            Date = date, CreatedAt = time.GetUtcNow().UtcDateTime, Attempts = attempts, Failures = byReason.Sum(r => r.Count), Body = body.ToString(),
        };
        db.IncidentReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return report;
        }
        catch (DbUpdateException)
        {
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await again.IncidentReports.AsNoTracking().SingleAsync(r => r.Date == date, cancellationToken);
        }
    }
}
