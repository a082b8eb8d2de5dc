using Eps.Core.Queue;

namespace Eps.Web.Features.Queue;

/// <summary>
/// Keeps an open queue current: subscribes to the pharmacy's <see cref="QueueChanged"/> events and refreshes the page
/// on the component's dispatcher (<paramref name="invokeAsync"/>). Coalesces bursts: while a refresh runs, further
/// events only mark that one more refresh is needed, for the latest of them. The prescriptions added meanwhile are
/// collected for <see cref="TakeArrived"/>, so that the page can mark each of them as new.
/// </summary>
internal sealed class QueueRefresher(Func<Func<Task>, Task> invokeAsync, Func<Task> refresh) : IDisposable
{
    private IDisposable? _subscription;
    private int _refreshing;
    private bool _refreshAgain;
    private QueueChanged? _latestChange;
    private List<string> _arrived = [];

    /// <summary>
    /// The change a running refresh is for: the page is then read through <see cref="QueueQuery.PageAfterAsync"/>,
    /// shared with the pharmacy's other open queues that the same change reaches.
    /// </summary>
    public QueueChanged? RefreshingFor { get; private set; }

    public void Subscribe(IQueueEvents events, int pharmacyId) => _subscription = events.Subscribe(pharmacyId, OnQueueChangedAsync);

    /// <summary>Request changes (triage, review) share the pharmacy's events but leave its queue as it is.</summary>
    private Task OnQueueChangedAsync(QueueChanged change) => change.Kind.IsRequest() ? Task.CompletedTask : RefreshForAsync(change);

    private Task RefreshForAsync(QueueChanged change) => invokeAsync(async () =>
    {
        _latestChange = change;
        if (change.Kind == QueueChangeKind.Added)
        {
            _arrived.Add(change.PrescriptionId);
        }

        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            _refreshAgain = true;
            return;
        }

        try
        {
            do
            {
                _refreshAgain = false;
                RefreshingFor = _latestChange;
                await refresh();
            }
            while (_refreshAgain);
        }
        finally
        {
            RefreshingFor = null;
            Volatile.Write(ref _refreshing, 0);
        }
    });

    /// <summary>The prescriptions added since the last call (called on the dispatcher, as the events are recorded).</summary>
    public IReadOnlyList<string> TakeArrived()
    {
        var arrived = _arrived;
        _arrived = [];
        return arrived;
    }

    public void Dispose() => _subscription?.Dispose();
}
