using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Queue;

/// <summary>Where a transport hands events it carried: delivers them to this instance's subscribers.</summary>
public interface IEventSink
{
    /// <summary>Events may have been missed (the link to the other instances was down): subscribers re-read their state.</summary>
    Task ResyncAsync(DateTime at);
}

/// <inheritdoc cref="IEventSink"/>
public interface IEventSink<in TEvent> : IEventSink
{
    Task DeliverAsync(TEvent change);
}

/// <summary>
/// A kind of event a transport carries: its name on the wire and how a received payload reaches the local sink.
/// Every record sent through <see cref="IQueueEventTransport"/> is registered as one, so that a cross-instance
/// transport serializes any of them the same way (System.Text.Json) without knowing them.
/// </summary>
public sealed record EventKind(string Name, Type EventType, Action<InProcessQueueTransport, string> DispatchJson)
{
    public static string Serialize<TEvent>(TEvent change) => JsonSerializer.Serialize(change);
}

/// <summary>Registers the kinds of events the transport carries.</summary>
public static class EventTransportServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="TSink"/> (a singleton) as the local sink of <typeparamref name="TEvent"/>, named <paramref name="name"/> on the wire.</summary>
    public static IServiceCollection AddEventSink<TEvent, TSink>(this IServiceCollection services, string name)
        where TEvent : class
        where TSink : class, IEventSink<TEvent>
    {
        services.AddSingleton<IEventSink<TEvent>>(sp => sp.GetRequiredService<TSink>());
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<TSink>());
        services.AddSingleton(new EventKind(name, typeof(TEvent), (local, json) =>
        {
            if (JsonSerializer.Deserialize<TEvent>(json) is { } change)
            {
                local.Dispatch(change);
            }
        }));
        return services;
    }
}
