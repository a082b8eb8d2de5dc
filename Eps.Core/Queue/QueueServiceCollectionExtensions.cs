using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Queue;

/// <summary>Registers the queue query and the queue events with the in-process transport.</summary>
public static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddEpsQueue(this IServiceCollection services)
    {
        services.AddSingleton<QueueQuery>();
        services.AddSingleton<InProcessQueueTransport>();
        services.AddSingleton<IQueueEventTransport>(sp => sp.GetRequiredService<InProcessQueueTransport>());
        services.AddHostedService(sp => sp.GetRequiredService<InProcessQueueTransport>());
        services.AddSingleton<QueueEventHub>();
        services.AddSingleton<IQueueEvents>(sp => sp.GetRequiredService<QueueEventHub>());
        return services;
    }
}
