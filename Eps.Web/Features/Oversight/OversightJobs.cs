using Eps.Core.Audit;
using Eps.Core.Oversight;
using Quartz;

namespace Eps.Web.Features.Oversight;

/// <summary>
/// Once a day (and at start-up, to catch up): signs yesterday's closing chain head as a checkpoint and writes
/// yesterday's incident report. Both are idempotent per date.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DailyOversightJob(AuditCheckpoints checkpoints, IncidentReports reports, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        await checkpoints.CreateAsync(yesterday, cancellationToken);
        await reports.CreateAsync(yesterday, cancellationToken);
    }
}

/// <summary>Quartz schedule of the daily oversight job: 00:10 UTC.</summary>
internal static class OversightSchedules
{
    public static readonly JobKey Daily = new("daily-oversight", "oversight");

    public static void AddOversightJobs(this IQuartzBuilder q)
    {
        q.AddJob<DailyOversightJob>(j => j.WithIdentity(Daily).StoreDurably().RequestRecovery());
        q.AddTrigger(t => t.ForJob(Daily).WithIdentity("oversight-daily").WithCronSchedule("0 10 0 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));
        q.AddTrigger(t => t.ForJob(Daily).WithIdentity("oversight-catch-up-at-start").StartNow());
    }
}
