using System.Text.Json;
using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class KeyRingTests
{
    [Fact]
    public void An_empty_writable_store_gets_one_key_of_the_default_algorithm()
    {
        var store = new InMemoryKeyRingStore();
        using var ring = new KeyRing(store, TokenTestKit.NewTime(), SigningAlgorithm.HS256);

        var saved = Assert.Single(store.Load());
        Assert.Equal(SigningAlgorithm.HS256, ring.Active.Algorithm);
        Assert.Equal(saved.Kid, ring.Active.Kid);
        Assert.Equal(TokenTestKit.Start, ring.Active.CreatedAt);
        Assert.Equal(32, Convert.FromBase64String(saved.PrivateKey).Length);
        Assert.Equal(8, ring.Active.Kid.Length);
    }

    [Fact]
    public void Rotation_keeps_old_tokens_valid_and_only_the_new_key_signs()
    {
        var time = TokenTestKit.NewTime();
        var store = new InMemoryKeyRingStore();
        using var ring = new KeyRing(store, time);
        var codec = new PrescriptionTokenCodec(ring);
        var first = ring.Active;
        var before = codec.Issue(TokenTestKit.Typical());

        time.Advance(TimeSpan.FromDays(90));
        var second = ring.Rotate(SigningAlgorithm.ES256);
        time.Advance(TimeSpan.FromDays(90));
        var third = ring.Rotate(SigningAlgorithm.HS256);

        Assert.Equal(TokenStatus.Valid, codec.Read(before).Status);
        Assert.Equal(first.Kid, codec.Read(before).Kid);
        Assert.Same(third, ring.Active);
        Assert.Equal(3, ring.Keys.Count);
        Assert.Equal(TokenTestKit.Start.AddDays(90), ring.Keys[0].RetiredAt);
        Assert.Equal(TokenTestKit.Start.AddDays(180), ring.Keys[1].RetiredAt);
        Assert.Null(ring.Keys[2].RetiredAt);
        Assert.Equal([first.Kid, second.Kid, third.Kid], ring.Keys.Select(k => k.Kid));
        for (var i = 0; i < 20; i++)
        {
            var result = codec.Read(codec.Issue(TokenTestKit.Typical()));
            Assert.Equal(third.Kid, result.Kid);
            Assert.Equal(SigningAlgorithm.HS256, result.Algorithm);
        }

        Assert.Equal(3, store.Load().Count); // the first key and two rotations were saved
        Assert.Equal(2, store.Load().Count(r => r.RetiredAt is not null));
    }

    [Fact]
    public void A_retired_key_never_becomes_active_even_if_it_is_newest()
    {
        var now = TokenTestKit.Start;
        var retiredNewer = new SigningKeyRecord("retired1", SigningAlgorithm.HS256, now, now, Secret(1));
        var activeOlder = new SigningKeyRecord("active01", SigningAlgorithm.HS256, now.AddDays(-1), null, Secret(2));
        using var ring = new KeyRing(new ConfigurationKeyRingStore([retiredNewer, activeOlder]), TokenTestKit.NewTime());

        Assert.Equal("active01", ring.Active.Kid);
        Assert.Equal("active01", new PrescriptionTokenCodec(ring).Read(new PrescriptionTokenCodec(ring).Issue(TokenTestKit.Typical())).Kid);
    }

    [Fact]
    public void A_read_only_ring_whose_keys_are_all_retired_verifies_but_cannot_sign()
    {
        var now = TokenTestKit.Start;
        using var ring = new KeyRing(new ConfigurationKeyRingStore([new("old00001", SigningAlgorithm.HS256, now, now, Secret(3))]), TokenTestKit.NewTime());

        Assert.True(ring.TryGet("old00001", out _));
        Assert.Throws<InvalidOperationException>(() => ring.Active);
    }

    [Fact]
    public void A_configuration_store_refuses_rotation_and_the_ring_is_unchanged()
    {
        var record = new SigningKeyRecord("cfgkey01", SigningAlgorithm.HS256, TokenTestKit.Start, null, Secret(4));
        using var ring = new KeyRing(new ConfigurationKeyRingStore([record]), TokenTestKit.NewTime());

        var error = Assert.Throws<InvalidOperationException>(() => ring.Rotate(SigningAlgorithm.ES256));

        Assert.Contains("configuration", error.Message, StringComparison.Ordinal);
        Assert.Equal("cfgkey01", ring.Active.Kid);
        Assert.Single(ring.Keys);
        Assert.False(ring.Active.IsRetired);
    }

    [Fact]
    public void Bad_records_fail_loudly_at_load()
    {
        var now = TokenTestKit.Start;
        SigningKeyRecord[][] bad =
        [
            [new("dup", SigningAlgorithm.HS256, now, null, Secret(1)), new("dup", SigningAlgorithm.HS256, now, null, Secret(2))],
            [new("short", SigningAlgorithm.HS256, now, null, Convert.ToBase64String(new byte[16]))],
            [new("notpkcs8", SigningAlgorithm.ES256, now, null, Secret(1))],
            [new("notb64", SigningAlgorithm.HS256, now, null, "***")],
            [new("", SigningAlgorithm.HS256, now, null, Secret(1))],
        ];

        foreach (var records in bad)
        {
            Assert.Throws<InvalidDataException>(() => new KeyRing(new ConfigurationKeyRingStore(records), TokenTestKit.NewTime()));
        }
    }

    [Fact]
    public void JWKS_holds_only_public_ES256_keys()
    {
        var time = TokenTestKit.NewTime();
        using var ring = new KeyRing(new InMemoryKeyRingStore(), time);
        var es1 = ring.Active;
        var hs = ring.Rotate(SigningAlgorithm.HS256);
        var es2 = ring.Rotate(SigningAlgorithm.ES256);

        var json = JsonSerializer.Serialize(ring.GetPublicJwks());
        using var doc = JsonDocument.Parse(json);
        var keys = doc.RootElement.GetProperty("keys").EnumerateArray().ToList();

        Assert.Equal([es1.Kid, es2.Kid], keys.Select(k => k.GetProperty("kid").GetString()));
        Assert.DoesNotContain(hs.Kid, json, StringComparison.Ordinal);
        foreach (var key in keys)
        {
            Assert.Equal(["kty", "crv", "x", "y", "kid", "alg", "use"], key.EnumerateObject().Select(p => p.Name));
            Assert.Equal("EC", key.GetProperty("kty").GetString());
            Assert.Equal("P-256", key.GetProperty("crv").GetString());
            Assert.Equal("ES256", key.GetProperty("alg").GetString());
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.Equal(43, key.GetProperty("x").GetString()!.Length); // 32 bytes, base64url, unpadded
        }

        Assert.Null(hs.PublicJwk);
    }

    [Fact]
    public void Record_ToString_never_prints_the_private_key()
    {
        var record = new SigningKeyRecord("k1", SigningAlgorithm.HS256, TokenTestKit.Start, null, Secret(9));

        Assert.DoesNotContain(record.PrivateKey, record.ToString(), StringComparison.Ordinal);
        Assert.Contains("k1", record.ToString(), StringComparison.Ordinal);
    }

    internal static string Secret(byte fill) => Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray());
}
