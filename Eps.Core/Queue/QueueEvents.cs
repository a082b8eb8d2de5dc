using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Queue;

/// <summary>
/// Queue change notifications for open queue pages. Publishing never blocks the approving or dispensing request:
/// events go to an <see cref="IQueueEventTransport"/> and come back through <see cref="QueueEventHub.DeliverAsync"/>.
/// </summary>
public interface IQueueEvents
{
    void Publish(QueueChanged change);

    /// <summary>
    /// Subscribing to this id receives the changes of every pharmacy (the doctors' review list, which spans them all).
    /// No pharmacy has it: ids start at 1.
    /// </summary>
    const int AllPharmacies = 0;

    /// <summary>
    /// Calls <paramref name="handler"/> for every change of the pharmacy's queue and requests (or of every pharmacy's, for
    /// <see cref="AllPharmacies"/>) until the result is disposed.
    /// </summary>
    IDisposable Subscribe(int pharmacyId, Func<QueueChanged, Task> handler);

    int SubscriberCount(int pharmacyId);
}

/// <summary>
/// Carries live events (queue changes, the security feed, any record registered with
/// <see cref="EventTransportServiceCollectionExtensions.AddEventSink{TEvent, TSink}"/>) from publishers to the
/// <see cref="IEventSink{TEvent}"/> of every instance. In-process by default (<see cref="InProcessQueueTransport"/>);
/// over Redis pub/sub when <c>Redis:Configuration</c> is set (<see cref="RedisQueueTransport"/>).
/// </summary>
public interface IQueueEventTransport
{
    /// <summary>Delivers the event to this instance's sink and, when scaled out, every other instance's; returns at once.</summary>
    void Send<TEvent>(TEvent change) where TEvent : class;

    /// <summary>False while events from other instances may be missed; every sink is resynced when it turns true again.</summary>
    bool IsLive { get; }

    /// <summary>Raised when <see cref="IsLive"/> changes (on a background thread).</summary>
    event Action? LiveChanged;
}

/// <summary>The local subscribers of this instance, by pharmacy.</summary>
public sealed class QueueEventHub(IQueueEventTransport transport, ILogger<QueueEventHub> logger) : IQueueEvents, IEventSink<QueueChanged>
{
    private readonly ConcurrentDictionary<int, ImmutableList<Subscription>> _subscribers = new();

    public void Publish(QueueChanged change) => transport.Send(change);

    public IDisposable Subscribe(int pharmacyId, Func<QueueChanged, Task> handler)
    {
        var subscription = new Subscription(this, pharmacyId, handler);
        _subscribers.AddOrUpdate(pharmacyId, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public int SubscriberCount(int pharmacyId) => _subscribers.TryGetValue(pharmacyId, out var list) ? list.Count : 0;

    /// <summary>
    /// Runs every local handler of the change's pharmacy, each started on the thread pool: a page's handler runs its
    /// refresh inline when its circuit is idle, so starting them one after another here would render every open queue
    /// on this one thread. One failing handler never stops the others.
    /// </summary>
    public async Task DeliverAsync(QueueChanged change)
    {
        var list = Local(change.PharmacyId);
        if (change.PharmacyId != IQueueEvents.AllPharmacies)
        {
            list = list.AddRange(Local(IQueueEvents.AllPharmacies));
        }

        await RunAsync(list, change);
    }

    private async Task RunAsync(ImmutableList<Subscription> list, QueueChanged change)
    {
        if (list.IsEmpty)
        {
            return;
        }

        await Task.WhenAll(list.Select(s => Task.Run(async () =>
        {
            try
            {
                await s.Handler(change);
            }
#pragma warning disable CA1031 // A closed circuit or a broken page must not stop delivery to the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "A queue subscriber of pharmacy {PharmacyId} failed", change.PharmacyId);
            }
        })));
    }

    /// <summary>
    /// Events may have been missed: every open queue and request list re-reads, as for a change of its pharmacy. Each
    /// subscription is told once (those of <see cref="IQueueEvents.AllPharmacies"/> too).
    /// </summary>
    public Task ResyncAsync(DateTime at) =>
        Task.WhenAll(_subscribers.Keys.Select(pharmacyId => RunAsync(Local(pharmacyId), new QueueChanged(pharmacyId, QueueChangeKind.Resync, "", at))));

    private ImmutableList<Subscription> Local(int pharmacyId) => _subscribers.TryGetValue(pharmacyId, out var list) ? list : [];

    private void Remove(Subscription subscription)
    {
        while (_subscribers.TryGetValue(subscription.PharmacyId, out var list))
        {
            var updated = list.Remove(subscription);
            var done = updated.IsEmpty
                ? _subscribers.TryRemove(new KeyValuePair<int, ImmutableList<Subscription>>(subscription.PharmacyId, list))
                : _subscribers.TryUpdate(subscription.PharmacyId, updated, list);
            if (done)
            {
                return;
            }
        }
    }

    private sealed class Subscription(QueueEventHub hub, int pharmacyId, Func<QueueChanged, Task> handler) : IDisposable
    {
        private int _disposed;

        public int PharmacyId { get; } = pharmacyId;
        public Func<QueueChanged, Task> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Remove(this);
            }
        }
    }
}
