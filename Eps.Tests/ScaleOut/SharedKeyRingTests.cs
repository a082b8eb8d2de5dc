using System.Net.Http.Json;
using System.Text.Json;
using Eps.Core.Data;
using Eps.Core.Data.KeyStore;
using Eps.Core.Tokens;
using Eps.Tests.Core.Tokens;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.ScaleOut;

/// <summary>
/// The signing key ring in the database, as several instances share it: each instance is a <see cref="KeyRing"/> over
/// a <see cref="DatabaseKeyRingStore"/> of its own, on one real database (SQLite or the run's server engine).
/// </summary>
public sealed class SharedKeyRingTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_rotation_on_one_instance_verifies_at_once_on_another_and_signs_there_within_the_refresh_interval()
    {
        await using var core = await CoreHarness.StartAsync();
        using var first = Ring(core);
        using var second = Ring(core);
        Assert.Equal(first.Active.Kid, second.Active.Kid);

        var rotated = first.Rotate(SigningAlgorithm.ES256);
        var token = new PrescriptionTokenCodec(first).Issue(TokenTestKit.Typical());

        // The second instance has never seen the new kid: it looks it up in the database and the token verifies.
        Assert.Equal(TokenStatus.Valid, new PrescriptionTokenCodec(second).Read(token).Status);

        var next = first.Rotate(SigningAlgorithm.ES256);
        Assert.Equal(rotated.Kid, second.Active.Kid);
        core.Time.Advance(Refresh);
        Assert.Equal(next.Kid, second.Active.Kid);
        Assert.Equal(new PrescriptionTokenCodec(second).Read(new PrescriptionTokenCodec(second).Issue(TokenTestKit.Typical())).Kid, next.Kid);

        await using var db = await core.DbAsync();
        var rows = await db.SigningKeys.ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal(next.Kid, Assert.Single(rows, r => r.ActiveSlot is not null).Kid);
        // Private keys are stored encrypted, never as the key itself.
        Assert.All(first.Keys, key => Assert.DoesNotContain(rows, r => r.ProtectedPrivateKey.Contains(key.Record.PrivateKey, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Instances_rotating_at_the_same_moment_leave_one_active_key_and_agree_on_it()
    {
        await using var core = await CoreHarness.StartAsync();
        // Started together on an empty table: both race for the first key, and both end up with the winner's.
        var rings = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Ring(core))));
        Assert.Equal(rings[0].Active.Kid, rings[1].Active.Kid);

        using var go = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            go.Wait();
            try
            {
                return rings[i % 2].Rotate(SigningAlgorithm.ES256).Kid;
            }
            catch (InvalidOperationException e) when (e.Message.Contains("Another instance rotated", StringComparison.Ordinal))
            {
                return null;
            }
        })).ToList();
        go.Set();
        var rotated = (await Task.WhenAll(attempts)).OfType<string>().ToList();

        Assert.NotEmpty(rotated);
        await using var db = await core.DbAsync();
        var rows = await db.SigningKeys.ToListAsync();
        Assert.Equal(1 + rotated.Count, rows.Count);
        var active = Assert.Single(rows, r => r.ActiveSlot is not null);
        Assert.Single(rows, r => r.RetiredAt is null);
        core.Time.Advance(Refresh);
        Assert.All(rings, ring => Assert.Equal(active.Kid, ring.Active.Kid));
        foreach (var ring in rings)
        {
            ring.Dispose();
        }
    }

    [Fact]
    public async Task On_a_server_database_two_app_instances_share_the_ring_and_a_token_signed_after_a_rotation_on_one_verifies_on_the_other()
    {
        using var database = new SharedDatabase();
        await using var first = new EpsInstance(database);
        first.Start();
        await using var second = new EpsInstance(database);
        second.Start();
        var store = first.Services.GetRequiredService<IKeyRingStore>();
        if (!TestDatabase.IsServer)
        {
            // SQLite is one instance: its key ring is the data folder's file.
            Assert.IsType<FileKeyRingStore>(store);
            return;
        }

        Assert.IsType<DatabaseKeyRingStore>(store);
        var rings = new[] { first.Services.GetRequiredService<KeyRing>(), second.Services.GetRequiredService<KeyRing>() };
        Assert.Equal(rings[0].Active.Kid, rings[1].Active.Kid);

        var rotated = rings[0].Rotate(SigningAlgorithm.ES256);
        var rx = await Scenario.IssueAsync(first.Services);
        using var client = second.NewClient();
        var response = await client.PostAsJsonAsync("/api/prescriptions/verify/", new { token = rx.Token, pharmacy_code = Scenario.Lagos });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(rotated.Kid, first.Services.GetRequiredService<PrescriptionTokenCodec>().Read(rx.Token).Kid);
        Assert.True(json.GetProperty("valid").GetBoolean(), json.ToString());
        Assert.Contains(second.Services.GetRequiredService<KeyRing>().GetPublicJwks().Keys, k => k.Kid == rotated.Kid);
    }

    private static KeyRing Ring(CoreHarness core) =>
        new(new DatabaseKeyRingStore(core.Get<IDbContextFactory<EpsDbContext>>(), core.Get<IDataProtectionProvider>()),
            core.Time, SigningAlgorithm.ES256, Refresh);
}
