using System.Collections.Concurrent;
using Eps.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Eps.Tests.ScaleOut;

/// <summary>
/// Two instances on one database as nodes of one Quartz scheduler: on PostgreSQL and SQL Server the clustered job
/// store in the database, so a trigger fires on one node only and a node's interrupted firing runs on the other; on
/// SQLite each instance keeps its schedule in memory.
/// </summary>
public sealed class ClusteredSchedulerTests
{
    private static readonly Dictionary<string, string?> FastCluster = new()
    {
        ["Jobs:ClusterCheckinSeconds"] = "1",
        ["Jobs:ClusterCheckinMisfireSeconds"] = "2",
        // The app's own every-second trigger keeps each node's scheduler polling the store.
        ["Mail:DeliveryIntervalSeconds"] = "1",
    };

    [Fact]
    public async Task A_trigger_both_nodes_schedule_fires_on_one_node_of_the_cluster()
    {
        using var database = new SharedDatabase();
        await using var first = new EpsInstance(database, FastCluster, s => s.AddTransient<ProbeJob>());
        first.Start();
        await using var second = new EpsInstance(database, FastCluster, s => s.AddTransient<ProbeJob>());
        second.Start();
        var schedulers = new[] { await SchedulerOf(first), await SchedulerOf(second) };
        var metadata = new[] { await schedulers[0].GetMetadata(), await schedulers[1].GetMetadata() };
        Assert.All(metadata, m => Assert.Equal("Eps", m.SchedulerName));
        if (!TestDatabase.IsServer)
        {
            Assert.All(metadata, m => Assert.False(m.JobStoreClustered));
            return;
        }

        Assert.All(metadata, m => Assert.True(m.JobStoreClustered));
        Assert.NotEqual(metadata[0].SchedulerInstanceId, metadata[1].SchedulerInstanceId);
        var run = Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow.AddSeconds(3);

        // Both nodes declare the same job and trigger, as every instance declares the app's own at start.
        foreach (var scheduler in schedulers)
        {
            await scheduler.ScheduleJob(ProbeJob.Detail(run, block: false), [ProbeJob.TriggerAt(run, at)], ScheduleJobOptions.Replacing);
        }

        await WaitUntilAsync(() => ProbeJob.RunsOf(run).Count >= 1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(4));
        var fired = Assert.Single(ProbeJob.RunsOf(run));
        Assert.Contains(fired.Node, metadata.Select(m => m.SchedulerInstanceId));
    }

    [Fact]
    public async Task A_firing_cut_short_by_a_node_shutting_down_runs_again_on_the_other_node()
    {
        if (!TestDatabase.IsServer)
        {
            return;
        }

        using var database = new SharedDatabase();
        await using var first = new EpsInstance(database, FastCluster, s => s.AddTransient<ProbeJob>());
        first.Start();
        await using var second = new EpsInstance(database, FastCluster, s => s.AddTransient<ProbeJob>());
        second.Start();
        var schedulers = new[] { await SchedulerOf(first), await SchedulerOf(second) };
        var run = Guid.NewGuid().ToString("N");

        await schedulers[0].ScheduleJob(ProbeJob.Detail(run, block: true), [ProbeJob.TriggerAt(run, DateTimeOffset.UtcNow.AddSeconds(1))], ScheduleJobOptions.Replacing);
        await WaitUntilAsync(() => ProbeJob.RunsOf(run).Count >= 1, TimeSpan.FromSeconds(30));
        var started = ProbeJob.RunsOf(run)[0];
        var dying = schedulers.Single(s => s.SchedulerInstanceId == started.Node);
        var survivor = schedulers.Single(s => s.SchedulerInstanceId != started.Node);

        // The node running the job goes down mid-firing (as in a rolling restart); the job never completed there.
        await dying.Shutdown(waitForJobsToComplete: true);

        await WaitUntilAsync(() => ProbeJob.RunsOf(run).Count >= 2, TimeSpan.FromSeconds(45));
        var recovered = ProbeJob.RunsOf(run)[1];
        Assert.Equal(survivor.SchedulerInstanceId, recovered.Node);
        Assert.True(recovered.Recovering);
        Assert.False(started.Recovering);
    }

    private static async Task<IScheduler> SchedulerOf(EpsInstance node) =>
        await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Not reached within {timeout.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Records each firing: which run, on which node, and whether it was a recovery.</summary>
    private sealed class ProbeJob : IJob
    {
        private static readonly ConcurrentQueue<(string Run, string Node, bool Recovering)> Runs = new();

        public static IJobDetail Detail(string run, bool block) => JobBuilder.Create<ProbeJob>()
            .WithIdentity("probe-" + run, "tests").UsingJobData("run", run).UsingJobData("block", block)
            .RequestRecovery().StoreDurably().Build();

        public static ITrigger TriggerAt(string run, DateTimeOffset at) =>
            TriggerBuilder.Create().WithIdentity("probe-" + run, "tests").ForJob("probe-" + run, "tests").StartAt(at).Build();

        public static List<(string Run, string Node, bool Recovering)> RunsOf(string run) => [.. Runs.Where(r => r.Run == run)];

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var data = context.JobDetail.JobDataMap;
            Runs.Enqueue((data.GetString("run")!, context.Scheduler.SchedulerInstanceId, context.Recovering));
            if (data.GetBoolean("block") && !context.Recovering)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
