using Eps.Core.Data;
using Eps.Core.Data.Quartz;
using Quartz;

namespace Eps.Web.Hosting;

/// <summary>
/// Where Quartz keeps its schedule. On PostgreSQL and SQL Server: the clustered ADO.NET job store in the app's
/// database (tables from the migrations, <see cref="QuartzSchema"/>), so every instance on the database is a node of
/// one scheduler named <see cref="SchedulerName"/>, each trigger fires on one node only, and the firing of a node that
/// stops or dies is taken over by another. On SQLite: in memory (SQLite cannot be clustered; it is one instance).
/// </summary>
internal static class JobStore
{
    /// <summary>The scheduler name every node shares: the cluster is the set of nodes with this name on one database.</summary>
    public const string SchedulerName = "Eps";

    public static void UseEpsJobStore(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var settings = configuration.GetSection(JobStoreSettings.Section).Get<JobStoreSettings>() ?? new JobStoreSettings();
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = SchedulerName;
            if (database.Provider != DatabaseProvider.Sqlite)
            {
                // A node shutting down asks its running jobs to stop, and hands their firings to another node.
                o.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            }
        });
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            quartz.UseInMemoryStore();
            return;
        }

        quartz.UsePersistentStore(store =>
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                store.UsePostgres(database.ConnectionString!);
            }
            else
            {
                store.UseSqlServer(database.ConnectionString!);
            }

            store.UseSystemTextJsonSerializer();
            store.ConfigureStore(o =>
            {
                o.TablePrefix = QuartzSchema.TablePrefix;
                o.RecoverFiringsCancelledByShutdown = true;
            });
            // The instance id is generated per node (AUTO): host name and start time.
            store.UseClustering(c =>
            {
                c.CheckinInterval = TimeSpan.FromSeconds(settings.ClusterCheckinSeconds);
                c.CheckinMisfireThreshold = TimeSpan.FromSeconds(settings.ClusterCheckinMisfireSeconds);
            });
        });
    }
}

/// <summary>The <c>Jobs</c> configuration section: how the nodes of a clustered scheduler watch each other.</summary>
internal sealed class JobStoreSettings
{
    public const string Section = "Jobs";

    /// <summary>How often a node records that it is alive.</summary>
    public int ClusterCheckinSeconds { get; set; } = 15;

    /// <summary>How long past a missed check-in the other nodes wait before taking over a node's firings.</summary>
    public int ClusterCheckinMisfireSeconds { get; set; } = 30;
}
