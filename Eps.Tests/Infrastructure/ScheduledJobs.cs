using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Eps.Tests.Infrastructure;

/// <summary>The app's Quartz jobs as a test sees them: whether any is due or running, and waiting until none is.</summary>
public static class ScheduledJobs
{
    /// <summary>Returns once no trigger is due and no job runs; throws, naming them, if that takes longer than <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilIdleAsync(IServiceProvider services, TimeSpan timeout)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var busy = await BusyAsync(scheduler);
            if (busy.Count == 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The app's scheduled jobs were still busy after {timeout.TotalSeconds:0} s: {string.Join("; ", busy)}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>
    /// What is running or about to: a trigger whose firing runs (Executing), one held back by another trigger's firing
    /// of the same job (Blocked; every job of the app disallows concurrent execution), or one that is due. A one-off
    /// trigger (a catch-up at start) is Executing until its job has finished and then gone or Complete.
    /// </summary>
    private static async Task<List<string>> BusyAsync(IScheduler scheduler)
    {
        var now = DateTimeOffset.UtcNow;
        var busy = new List<string>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup()))
        {
            var state = await scheduler.GetTriggerState(key);
            var next = (await scheduler.GetTrigger(key))?.NextFireTimeUtc;
            if (state is TriggerState.Executing or TriggerState.Blocked)
            {
                busy.Add($"{key} {state}");
            }
            else if (state == TriggerState.Normal && next <= now)
            {
                busy.Add($"{key} due since {next:O}");
            }
        }

        return busy;
    }
}
