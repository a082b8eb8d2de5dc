using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Queue;

/// <summary>
/// Loops events back to this instance's sinks through an unbounded channel drained by a background service, so a
/// publisher returns at once and subscribers render on their own circuits, never on the publisher's thread. The Redis
/// transport hands what it receives from other instances to this one as well.
/// </summary>
public sealed class InProcessQueueTransport(IServiceProvider services, TimeProvider time, ILogger<InProcessQueueTransport> logger)
    : BackgroundService, IQueueEventTransport
{
    private readonly Channel<Func<Task>> _channel = Channel.CreateUnbounded<Func<Task>>(new() { SingleReader = true });

    public void Send<TEvent>(TEvent change) where TEvent : class => Dispatch(change);

    /// <summary>Always: nothing crosses a process boundary.</summary>
    public bool IsLive => true;

    public event Action? LiveChanged
    {
        add { }
        remove { }
    }

    /// <summary>Queues delivery of the event to this instance's sink of its type.</summary>
    public void Dispatch<TEvent>(TEvent change) where TEvent : class
    {
        var sinks = services.GetServices<IEventSink<TEvent>>();
        _channel.Writer.TryWrite(() => Task.WhenAll(sinks.Select(sink => sink.DeliverAsync(change))));
    }

    /// <summary>Queues a resync of every sink: events may have been missed.</summary>
    public void DispatchResync()
    {
        var at = time.GetUtcNow().UtcDateTime;
        _channel.Writer.TryWrite(() => Task.WhenAll(services.GetServices<IEventSink>().Select(sink => sink.ResyncAsync(at))));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var deliver in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await deliver();
            }
#pragma warning disable CA1031 // A failing sink must not stop delivery of the events after it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Delivering a live event failed");
            }
        }
    }
}
