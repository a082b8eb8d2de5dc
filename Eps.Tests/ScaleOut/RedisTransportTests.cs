using Eps.Core.Oversight;
using Eps.Core.Queue;
using Eps.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Eps.Tests.ScaleOut;

/// <summary>Live events published on one host reach the subscribers of another through Redis pub/sub, and a dropped link resyncs.</summary>
public sealed class RedisTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_queue_change_and_a_security_event_published_on_one_host_reach_the_other()
    {
        var options = EpsAppOptions.Default with { Settings = TestRedis.Settings(TestRedis.NewPrefix()) };
        using var a = new EpsApp { Options = options };
        using var b = new EpsApp { Options = options };
        a.Start();
        b.Start();
        await WaitLiveAsync(a);
        await WaitLiveAsync(b);

        var onB = new TaskCompletionSource<QueueChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var queue = b.Services.GetRequiredService<IQueueEvents>().Subscribe(42, c =>
        {
            onB.TrySetResult(c);
            return Task.CompletedTask;
        });
        var alertOnB = new TaskCompletionSource<SecurityEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var feed = b.Services.GetRequiredService<SecurityFeed>().Subscribe(e =>
        {
            if (!e.IsResync)
            {
                alertOnB.TrySetResult(e);
            }

            return Task.CompletedTask;
        });

        var change = new QueueChanged(42, QueueChangeKind.Added, "PHB-RX-12345678", new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc));
        a.Services.GetRequiredService<IQueueEvents>().Publish(change);
        var alert = new SecurityEvent(change.At, "alert", AlertRules.Forgery, "Invalid signature", "203.0.113.7", null, "PHB-PH-100101",
            new SecurityAlert { Id = 7, Rule = AlertRules.Forgery, Key = "ip:203.0.113.7", Summary = "Forgery", RaisedAt = change.At, LastSeenAt = change.At });
        a.Services.GetRequiredService<SecurityFeed>().Publish(alert);

        Assert.Equal(change, await onB.Task.WaitAsync(Wait));
        var received = await alertOnB.Task.WaitAsync(Wait);
        Assert.Equal(alert with { Alert = null }, received with { Alert = null });
        Assert.Equal("ip:203.0.113.7", received.Alert?.Key);
    }

    [Fact]
    public async Task When_the_link_drops_and_returns_every_open_queue_is_told_to_reread()
    {
        var prefix = TestRedis.NewPrefix();
        var options = (EpsAppOptions.Default with { Settings = TestRedis.Settings(prefix) })
            .With("Redis:Configuration", $"{TestRedis.Configuration},name={prefix}");
        using var app = new EpsApp { Options = options };
        app.Start();
        await WaitLiveAsync(app);
        var transport = app.Services.GetRequiredService<IQueueEventTransport>();
        var states = new List<bool>();
        transport.LiveChanged += () =>
        {
            lock (states)
            {
                states.Add(transport.IsLive);
            }
        };
        var resync = new TaskCompletionSource<QueueChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var queue = app.Services.GetRequiredService<IQueueEvents>().Subscribe(7, c =>
        {
            if (c.Kind == QueueChangeKind.Resync)
            {
                resync.TrySetResult(c);
            }

            return Task.CompletedTask;
        });

        // Drop this host's connections from the server side, as a restarted or failed-over Redis would.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(TestRedis.Configuration + ",allowAdmin=true"))
        {
            var server = admin.GetServer(admin.GetEndPoints()[0]);
            foreach (var client in (await server.ClientListAsync()).Where(c => c.Name == prefix))
            {
                await server.ClientKillAsync(client.Address!);
            }
        }

        Assert.Equal(7, (await resync.Task.WaitAsync(Wait)).PharmacyId);
        // Each killed connection reports its own failure, so the marker may flip more than once before it settles live.
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            await WaitLiveAsync(app);
            lock (states)
            {
                if (states.Count > 0 && states[^1])
                {
                    Assert.Contains(false, states);
                    break;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The live marker never settled back to live.");
            await Task.Delay(50);
        }
    }

    private static async Task WaitLiveAsync(EpsApp app)
    {
        var transport = app.Services.GetRequiredService<IQueueEventTransport>();
        Assert.IsType<RedisQueueTransport>(transport);
        var deadline = DateTime.UtcNow + Wait;
        while (!transport.IsLive)
        {
            Assert.True(DateTime.UtcNow < deadline, "The Redis transport never became live.");
            await Task.Delay(50);
        }
    }
}
