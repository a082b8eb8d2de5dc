using Eps.Core.Notifications;
using Eps.Core.Reporting;
using Eps.Web.Features.Oversight;
using Eps.Web.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Eps.Web.Features.Notifications;

/// <summary>Delivers due outbox messages every few seconds.</summary>
[DisallowConcurrentExecution]
internal sealed class OutboxDeliveryJob(OutboxSender sender, IOptions<MailOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Drain in batches so a backlog after an outage clears in one run; each sender claims batches of its own.
        await Task.WhenAll(Enumerable.Range(0, options.Value.ParallelSenders).Select(async _ =>
        {
            while (await sender.DeliverDueAsync(cancellationToken) > 0)
            {
            }
        }));
    }
}

/// <summary>Queues the daily digests; fires at the digest hour and once at start-up to catch up after downtime.</summary>
[DisallowConcurrentExecution]
internal sealed class DigestJob(DigestService digests) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await digests.RunIfDueAsync(cancellationToken);
}

/// <summary>Reminds patients of pending tokens that expire within three days; hourly, and once at start-up to catch up.</summary>
[DisallowConcurrentExecution]
internal sealed class ExpiryReminderJob(ExpiryReminders reminders) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reminders.SendDueAsync(cancellationToken);
}

/// <summary>Quartz schedules for the notification jobs.</summary>
internal static class NotificationSchedules
{
    public static readonly JobKey Outbox = new("outbox-delivery", "notifications");
    public static readonly JobKey Digest = new("daily-digest", "notifications");
    public static readonly JobKey ExpiryReminder = new("expiry-reminder", "notifications");

    public static IServiceCollection AddEpsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        var locale = configuration.GetSection(LocaleOptions.Section).Get<LocaleOptions>() ?? new LocaleOptions();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(locale.TimeZone);
        var deliverySeconds = configuration.GetValue("Mail:DeliveryIntervalSeconds", 5);

        services.AddQuartz(q =>
        {
            q.UseEpsJobStore(configuration);
            // Every job is idempotent, so a firing cut short by a node's shutdown or death is run again on another node.
            q.AddJob<OutboxDeliveryJob>(j => j.WithIdentity(Outbox).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(Outbox).WithIdentity("outbox-every-few-seconds")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(deliverySeconds)).RepeatForever()));

            q.AddJob<DigestJob>(j => j.WithIdentity(Digest).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(Digest).WithIdentity("digest-daily").WithCronSchedule(DigestCron(options), c => c.InTimeZone(zone)));
            q.AddTrigger(t => t.ForJob(Digest).WithIdentity("digest-catch-up-at-start").StartNow());

            // Hourly from start-up: a reminder falls due at most an hour late, and one missed while down goes out on start.
            q.AddJob<ExpiryReminderJob>(j => j.WithIdentity(ExpiryReminder).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(ExpiryReminder).WithIdentity("expiry-reminder-hourly")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
            q.AddOversightJobs();
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>Quartz cron for the digest hour, e.g. "0 0 8 * * ?".</summary>
    public static string DigestCron(NotificationOptions options) => $"0 0 {options.DigestHour} * * ?";
}
