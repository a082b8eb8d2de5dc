using System.Net.Http.Json;
using System.Text.Json;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Tokens;

[Collection(ApiCollection.Name)]
public sealed class JwksApiTests(EpsApp app)
{
    [Fact]
    public async Task Jwks_publishes_public_ec_keys_only()
    {
        var json = await app.NewClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        var keys = json.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.Equal("EC", k.GetProperty("kty").GetString());
            Assert.Equal("P-256", k.GetProperty("crv").GetString());
            Assert.False(k.TryGetProperty("d", out _));
            Assert.False(string.IsNullOrEmpty(k.GetProperty("kid").GetString()));
        });
    }
}
