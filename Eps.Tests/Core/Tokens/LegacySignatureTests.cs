using System.Text.Json;
using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class LegacySignatureTests
{
    // Produced by CPython 3: hmac.new(bytes(range(32)), json.dumps(json.loads(SeedPayload), sort_keys=True,
    // separators=(",", ":"), ensure_ascii=False).encode(), sha256).hexdigest(). Covers escapes, non-ASCII, astral and
    // private-use keys (code point order), ints, floats in repr form, -0 and a duplicate-free nested object.
    private const string PythonSignature = "e8a98e88dda153383ffd0d50f8f2672ebb157befb976de40c50978e54a0dda70";

    private const string SeedPayload = """
{"type":"PHB_PRESCRIPTION","id":"PHB-RX-00000123","nonce":"550e8400-e29b-41d4-a716-446655440000","hpn":"123 456 7890","medication":"Amoxicillin 500mg","patient":"Adébáyọ̀ O’Neil \"AJ\"\n","prescriber":"Dr. Jane Smith","dosage":"Take 1 capsule\tthree times daily","pharmacy":{"name":"City Pharmacy","code":"PHB-PH-001234","city":"Lagos"},"issued":"2025-01-08T10:30:00Z","expiry":"2025-02-07T10:30:00Z","quantity":21,"refills":0,"dose_mg":12.50,"tiny":1e-5,"huge":1E16,"big":123456789012345678901234567890,"ratio":0.1,"neg":-0,"ctl":"\u0001\u007f\u2028/","emoji":"\ud83d\udc8a","\ue000":"pua","\ud83d\udc8a":"astral","list":[1,2.0,true,false,null,{"b":1,"a":2}]}
""";

    [Fact]
    public void Signs_exactly_what_the_seed_signs()
    {
        using var ring = SeedRing(out var kid);
        var codec = new PrescriptionTokenCodec(ring);

        Assert.Equal(PythonSignature, codec.SignLegacy(Parse(SeedPayload)));
        Assert.Equal(TokenStatus.Valid, codec.VerifyLegacy(Parse(SeedPayload), PythonSignature, kid));
        Assert.Equal(TokenStatus.Valid, codec.VerifyLegacy(Parse(SeedPayload), PythonSignature.ToUpperInvariant(), null));
    }

    [Fact]
    public void Round_trips_and_key_order_does_not_matter()
    {
        using var ring = TokenTestKit.NewRing(SigningAlgorithm.HS256);
        var codec = new PrescriptionTokenCodec(ring);
        var signature = codec.SignLegacy(Parse("""{"id":"PHB-RX-00000123","pharmacy":{"code":"PHB-PH-1","name":"City"},"hpn":"1234567890"}"""));

        var reordered = Parse("""{ "hpn": "1234567890", "pharmacy": { "name": "City", "code": "PHB-PH-1" }, "id": "PHB-RX-00000123" }""");

        Assert.Matches("^[0-9a-f]{64}$", signature);
        Assert.Equal(TokenStatus.Valid, codec.VerifyLegacy(reordered, signature, ring.Active.Kid));
        Assert.Equal(TokenStatus.Valid, codec.VerifyLegacy(reordered, signature, null));
    }

    [Theory]
    [InlineData("""{"id":"PHB-RX-00000124","pharmacy":{"code":"PHB-PH-1","name":"City"},"hpn":"1234567890"}""")]
    [InlineData("""{"id":"PHB-RX-00000123","pharmacy":{"code":"PHB-PH-2","name":"City"},"hpn":"1234567890"}""")]
    [InlineData("""{"id":"PHB-RX-00000123","pharmacy":{"code":"PHB-PH-1","name":"City"},"hpn":"1234567890","x":1}""")]
    [InlineData("""{"id":"PHB-RX-00000123","pharmacy":{"code":"PHB-PH-1","name":"City"}}""")]
    public void A_changed_field_is_a_bad_signature(string changed)
    {
        using var ring = TokenTestKit.NewRing(SigningAlgorithm.HS256);
        var codec = new PrescriptionTokenCodec(ring);
        var signature = codec.SignLegacy(Parse("""{"id":"PHB-RX-00000123","pharmacy":{"code":"PHB-PH-1","name":"City"},"hpn":"1234567890"}"""));

        Assert.Equal(TokenStatus.BadSignature, codec.VerifyLegacy(Parse(changed), signature, null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not hex")]
    [InlineData("e8a98e88dda153383ffd0d50f8f2672ebb157befb976de40c50978e54a0dda7")] // 63 chars
    [InlineData("e8a98e88dda153383ffd0d50f8f2672ebb157befb976de40c50978e54a0dda70a")]
    [InlineData("z8a98e88dda153383ffd0d50f8f2672ebb157befb976de40c50978e54a0dda70")]
    [InlineData(null)]
    public void Invalid_hex_is_a_bad_signature(string? hex)
    {
        using var ring = SeedRing(out var kid);
        var codec = new PrescriptionTokenCodec(ring);

        Assert.Equal(TokenStatus.BadSignature, codec.VerifyLegacy(Parse(SeedPayload), hex!, kid));
        Assert.Equal(TokenStatus.BadSignature, codec.VerifyLegacy(Parse(SeedPayload), hex!, null));
    }

    [Fact]
    public void Kid_rules_and_retired_HS256_keys()
    {
        using var ring = SeedRing(out var seedKid);
        var codec = new PrescriptionTokenCodec(ring);
        var es256 = ring.Rotate(SigningAlgorithm.ES256);

        Assert.Throws<InvalidOperationException>(() => codec.SignLegacy(Parse(SeedPayload)));
        Assert.Equal(TokenStatus.BadSignature, codec.VerifyLegacy(Parse(SeedPayload), PythonSignature, es256.Kid));
        Assert.Equal(TokenStatus.UnknownKey, codec.VerifyLegacy(Parse(SeedPayload), PythonSignature, "nokey123"));
        Assert.Equal(TokenStatus.Valid, codec.VerifyLegacy(Parse(SeedPayload), PythonSignature, seedKid));

        ring.Rotate(SigningAlgorithm.HS256);
        Assert.Equal(TokenStatus.Valid, codec.VerifyLegacy(Parse(SeedPayload), PythonSignature, null)); // retired key tried too
        Assert.NotEqual(PythonSignature, codec.SignLegacy(Parse(SeedPayload))); // the new key signs now
    }

    [Fact]
    public void A_ring_without_HS256_keys_knows_no_legacy_key()
    {
        using var ring = TokenTestKit.NewRing(SigningAlgorithm.ES256);

        Assert.Equal(TokenStatus.UnknownKey, new PrescriptionTokenCodec(ring).VerifyLegacy(Parse(SeedPayload), PythonSignature, null));
    }

    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("100", "100")]
    [InlineData("1e2", "100.0")]
    [InlineData("1E15", "1000000000000000.0")]
    [InlineData("1e16", "1e+16")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001234", "1.234e-05")]
    [InlineData("-1.5e300", "-1.5e+300")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("123456.789", "123456.789")]
    [InlineData("1e400", "Infinity")]
    public void Numbers_print_like_Python(string json, string python) => Assert.Equal(python, PythonCanonicalJson.PythonNumber(json));

    private static KeyRing SeedRing(out string kid)
    {
        kid = "seed0001";
        var secret = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        return new KeyRing(new InMemoryKeyRingStore([new(kid, SigningAlgorithm.HS256, TokenTestKit.Start, null, secret)]), TokenTestKit.NewTime());
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
