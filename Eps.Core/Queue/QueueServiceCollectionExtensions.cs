using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Eps.Core.Queue;

/// <summary>
/// Registers the queue query, the queue events and the transport of live events: in process, or over Redis pub/sub
/// when <c>Redis:Configuration</c> is set (the connection is then registered as <see cref="IConnectionMultiplexer"/>
/// for the other shared state, such as rate limits).
/// </summary>
public static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddEpsQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<QueueQuery>();
        services.AddSingleton<InProcessQueueTransport>();
        services.AddHostedService(sp => sp.GetRequiredService<InProcessQueueTransport>());
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        if (string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.Section}:{nameof(RedisOptions.Configuration)}"]))
        {
            services.AddSingleton<IQueueEventTransport>(sp => sp.GetRequiredService<InProcessQueueTransport>());
        }
        else
        {
            services.AddSingleton<IConnectionMultiplexer>(sp => Connect(configuration, sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<RedisQueueTransport>();
            services.AddSingleton<IQueueEventTransport>(sp => sp.GetRequiredService<RedisQueueTransport>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisQueueTransport>());
        }

        services.AddSingleton<QueueEventHub>();
        services.AddSingleton<IQueueEvents>(sp => sp.GetRequiredService<QueueEventHub>());
        services.AddEventSink<QueueChanged, QueueEventHub>("queue");
        return services;
    }

    /// <summary>
    /// Starts even when Redis is down (the app serves its own instance meanwhile, the "live" marker says so) and keeps
    /// reconnecting every second, so that a restarted Redis is back in use within a few seconds.
    /// </summary>
    private static ConnectionMultiplexer Connect(IConfiguration configuration, ILoggerFactory loggers)
    {
        var options = ConfigurationOptions.Parse(configuration[$"{RedisOptions.Section}:{nameof(RedisOptions.Configuration)}"]!);
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ClientName ??= "eps";
        options.LoggerFactory = loggers;
        return ConnectionMultiplexer.Connect(options);
    }
}
