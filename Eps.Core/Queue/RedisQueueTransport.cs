using System.Collections.Frozen;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Eps.Core.Queue;

/// <summary>The <c>Redis</c> configuration section: set <see cref="Configuration"/> to scale out.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…</c>); empty means one instance, in process.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of this deployment's channel and keys, so that several deployments may share one Redis.</summary>
    public string Prefix { get; set; } = "eps";
}

/// <summary>
/// Sends events to every instance over Redis pub/sub (one channel, <c>{prefix}:events</c>). This instance's own
/// subscribers get each event straight from <see cref="InProcessQueueTransport"/>, so they never depend on Redis;
/// the copy that comes back from Redis is dropped by its origin. Pub/sub is at-most-once: when the connection drops,
/// <see cref="IsLive"/> turns false; when it is back, this instance announces a resync on the channel and every
/// instance that receives it (this one included, which proves its subscription is back) tells its sinks to re-read.
/// </summary>
public sealed class RedisQueueTransport(
    IConnectionMultiplexer redis, InProcessQueueTransport local, IEnumerable<EventKind> kinds, IOptions<RedisOptions> options,
    ILogger<RedisQueueTransport> logger) : IQueueEventTransport, IHostedService, IDisposable
{
    private const string Resync = "resync";
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.Prefix + ":events");
    private readonly FrozenDictionary<string, EventKind> _byName = kinds.ToFrozenDictionary(k => k.Name);
    private readonly FrozenDictionary<Type, string> _names = kinds.ToFrozenDictionary(k => k.EventType, k => k.Name);
    private readonly CancellationTokenSource _stopping = new();
    private int _live;
    private int _probing;

    public bool IsLive => Volatile.Read(ref _live) == 1;

    public event Action? LiveChanged;

    public void Send<TEvent>(TEvent change) where TEvent : class
    {
        local.Dispatch(change);
        var name = _names.TryGetValue(typeof(TEvent), out var n)
            ? n
            : throw new InvalidOperationException($"{typeof(TEvent).Name} is not registered with AddEventSink.");
        Publish(name, EventKind.Serialize(change));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        await redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnMessage(message));
        StartProbing();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    private void Publish(string kind, string payload)
    {
        // Fire and forget: a publisher never waits for Redis. A message lost while the link is down is made good by the
        // resync that follows its return.
        _ = redis.GetSubscriber().PublishAsync(_channel, $"{kind}\n{_origin}\n{payload}", CommandFlags.FireAndForget)
            .ContinueWith(t => logger.LogDebug(t.Exception, "Publishing a live event to Redis failed"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void OnMessage(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split('\n', 3);
        if (parts.Length < 2)
        {
            return;
        }

        var (kind, origin) = (parts[0], parts[1]);
        if (kind == Resync)
        {
            local.DispatchResync();
            if (origin == _origin)
            {
                SetLive(true);
            }
        }
        else if (origin != _origin && parts.Length == 3 && _byName.TryGetValue(kind, out var registered))
        {
            try
            {
                registered.DispatchJson(local, parts[2]);
            }
#pragma warning disable CA1031 // A malformed message (another version of the app) is skipped, not fatal to the subscription.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "A live event of kind {Kind} could not be read", kind);
            }
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        logger.LogWarning("Redis connection lost ({FailureType}); live events from other instances wait for its return", e.FailureType);
        SetLive(false);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => StartProbing();

    /// <summary>Announces a resync until this instance hears its own announcement back: then its subscription is live again.</summary>
    private void StartProbing()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                while (!_stopping.IsCancellationRequested)
                {
                    if (redis.IsConnected)
                    {
                        Publish(Resync, "");
                    }

                    await Task.Delay(ProbeInterval, _stopping.Token);
                    if (IsLive)
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Volatile.Write(ref _probing, 0);
            }
        });
    }

    private void SetLive(bool live)
    {
        if (Interlocked.Exchange(ref _live, live ? 1 : 0) != (live ? 1 : 0))
        {
            logger.LogInformation("Live events across instances: {State}", live ? "connected" : "reconnecting");
            LiveChanged?.Invoke();
        }

        if (!live)
        {
            // The link may have come back between the failure and this call: keep asking until it answers.
            StartProbing();
        }
    }

    /// <summary>Stops the probe; the token source is only cancelled (it has no timer), so a late StopAsync is harmless.</summary>
    public void Dispose() => _stopping.Cancel();
}
