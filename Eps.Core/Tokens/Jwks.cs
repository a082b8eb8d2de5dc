using System.Text.Json.Serialization;

namespace Eps.Core.Tokens;

/// <summary>The JSON Web Key Set served at /.well-known/jwks.json (public ES256 keys only).</summary>
public sealed record JwkSet([property: JsonPropertyName("keys")] IReadOnlyList<Jwk> Keys);

/// <summary>A public EC P-256 key in JWK form (RFC 7517/7518); x and y are base64url.</summary>
public sealed record Jwk(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("use")] string Use);
