using Eps.Core.Queue;

namespace Eps.Web.Features.Prescribing;

/// <summary>
/// Keeps an open request list (triage inbox, review list) current: subscribes to the request changes of one pharmacy, or
/// of all of them (<see cref="IQueueEvents.AllPharmacies"/>), and reloads the list on the component's dispatcher
/// (<paramref name="invokeAsync"/>). Queue changes (dispenses, ready) are ignored; a resync
/// (changes from other instances may have been missed) reloads too. A burst of changes while a reload runs
/// costs one more reload, not one per change.
/// </summary>
internal sealed class RequestListRefresher(Func<Func<Task>, Task> invokeAsync, Func<Task> reload) : IDisposable
{
    private IDisposable? _subscription;
    private int _reloading;
    private bool _reloadAgain;

    public void Subscribe(IQueueEvents events, int pharmacyId) => _subscription = events.Subscribe(pharmacyId, OnChangedAsync);

    private Task OnChangedAsync(QueueChanged change) =>
        !change.Kind.IsRequest() && change.Kind != QueueChangeKind.Resync ? Task.CompletedTask : invokeAsync(async () =>
    {
        if (Interlocked.Exchange(ref _reloading, 1) == 1)
        {
            _reloadAgain = true;
            return;
        }

        try
        {
            do
            {
                _reloadAgain = false;
                await reload();
            }
            while (_reloadAgain);
        }
        finally
        {
            Volatile.Write(ref _reloading, 0);
        }
    });

    public void Dispose() => _subscription?.Dispose();
}
