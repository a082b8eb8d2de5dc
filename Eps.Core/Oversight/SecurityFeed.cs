using System.Collections.Immutable;
using Eps.Core.Queue;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Oversight;

/// <summary>
/// Pushes failed attempts and alerts to open security monitor pages on every instance. Publishing returns at once:
/// the live-event transport delivers to subscribers in the background, so verification never waits for a page.
/// </summary>
public sealed class SecurityFeed(IQueueEventTransport transport, ILogger<SecurityFeed> logger) : IEventSink<SecurityEvent>
{
    private ImmutableList<Func<SecurityEvent, Task>> _subscribers = [];

    public int SubscriberCount => _subscribers.Count;

    public void Publish(SecurityEvent e) => transport.Send(e);

    public IDisposable Subscribe(Func<SecurityEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(handler)));
    }

    public Task DeliverAsync(SecurityEvent change) => Task.WhenAll(_subscribers.Select(async handler =>
    {
        try
        {
            await handler(change);
        }
#pragma warning disable CA1031 // One broken page must not stop delivery to the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "A security monitor subscriber failed");
        }
    }));

    public Task ResyncAsync(DateTime at) => DeliverAsync(SecurityEvent.Resync(at));

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                dispose();
            }
        }
    }
}
