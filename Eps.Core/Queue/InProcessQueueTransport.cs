using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eps.Core.Queue;

/// <summary>
/// Loops events back to this instance's hub through an unbounded channel drained by a background service, so a
/// publisher returns at once and subscribers render on their own circuits, never on the publisher's thread.
/// </summary>
public sealed class InProcessQueueTransport : BackgroundService, IQueueEventTransport
{
    private readonly Channel<QueueChanged> _channel = Channel.CreateUnbounded<QueueChanged>(new() { SingleReader = true });
    private readonly IServiceProvider _services;

    public InProcessQueueTransport(IServiceProvider services) => _services = services;

    public void Send(QueueChanged change) => _channel.Writer.TryWrite(change);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hub = _services.GetRequiredService<QueueEventHub>();
        await foreach (var change in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            await hub.DeliverAsync(change);
        }
    }
}
