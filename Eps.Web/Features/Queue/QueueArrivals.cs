namespace Eps.Web.Features.Queue;

/// <summary>
/// The prescriptions that arrived while the queue was open, marked "New" until the pharmacist clicks or focuses the row,
/// verifies it, or <see cref="Lifetime"/> passes. <paramref name="expired"/> runs (on a timer thread) when marks run out,
/// so the owner can drop them with <see cref="Expire"/> on its dispatcher and render.
/// </summary>
internal sealed class QueueArrivals(TimeProvider time, Action expired) : IDisposable
{
    /// <summary>Long enough to look up from the counter and notice; short enough that "New" still means new.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, DateTimeOffset> _arrived = new(StringComparer.Ordinal);
    private ITimer? _timer;

    public int Count => _arrived.Count;

    public void Add(IEnumerable<string> prescriptionIds)
    {
        var now = time.GetUtcNow();
        foreach (var id in prescriptionIds)
        {
            _arrived[id] = now;
        }

        Schedule(now);
    }

    public bool IsNew(string prescriptionId) =>
        _arrived.TryGetValue(prescriptionId, out var at) && time.GetUtcNow() - at < Lifetime;

    /// <summary>The pharmacist has seen the row; true when it was marked.</summary>
    public bool Seen(string prescriptionId) => _arrived.Remove(prescriptionId);

    /// <summary>Drops the marks that have run out.</summary>
    public void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var (id, at) in _arrived.ToList())
        {
            if (now - at >= Lifetime)
            {
                _arrived.Remove(id);
            }
        }

        Schedule(now);
    }

    private void Schedule(DateTimeOffset now)
    {
        if (_arrived.Count == 0)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = _arrived.Values.Min() + Lifetime - now;
        _timer ??= time.CreateTimer(_ => expired(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer?.Dispose();
}
