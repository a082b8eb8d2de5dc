using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Oversight;

/// <summary>
/// Pushes failed attempts and alerts to open security monitor pages. Publishing returns at once; a background loop
/// delivers to subscribers, so verification never waits for a page to render.
/// </summary>
public sealed class SecurityFeed(ILogger<SecurityFeed> logger) : BackgroundService
{
    private readonly Channel<SecurityEvent> _channel = Channel.CreateUnbounded<SecurityEvent>(new() { SingleReader = true });
    private ImmutableList<Func<SecurityEvent, Task>> _subscribers = [];

    public int SubscriberCount => _subscribers.Count;

    public void Publish(SecurityEvent e) => _channel.Writer.TryWrite(e);

    public IDisposable Subscribe(Func<SecurityEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(handler)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var e in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            await Task.WhenAll(_subscribers.Select(async handler =>
            {
                try
                {
                    await handler(e);
                }
#pragma warning disable CA1031 // One broken page must not stop delivery to the others.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogWarning(ex, "A security monitor subscriber failed");
                }
            }));
        }
    }

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
