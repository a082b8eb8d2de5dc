using System.Security.Cryptography;
using System.Text.Json;

namespace Eps.Core.Tokens;

/// <summary>The seed's format: a JSON payload plus a hex HMAC-SHA256 over its canonical (Python json.dumps) form.</summary>
public sealed partial class PrescriptionTokenCodec
{
    /// <summary>Signs a seed-style payload with the active key, which must be HS256.</summary>
    /// <returns>Lowercase hex HMAC-SHA256 of the canonical JSON.</returns>
    public string SignLegacy(JsonElement payload)
    {
        var key = keys.Active;
        if (key.Algorithm != SigningAlgorithm.HS256)
        {
            throw new InvalidOperationException(
                $"Legacy signatures are HMAC-SHA256, but the active key '{key.Kid}' is {key.Algorithm}: rotate to an HS256 key first.");
        }

        return Convert.ToHexStringLower(key.Material.Sign(PythonCanonicalJson.Encode(payload)));
    }

    /// <summary>Checks a seed-style signature: with <paramref name="kid"/>, against that HS256 key; without, against every HS256 key.</summary>
    /// <remarks>UnknownKey when the kid is not in the ring or the ring has no HS256 key at all; never throws.</remarks>
    public TokenStatus VerifyLegacy(JsonElement payload, string hexSignature, string? kid)
    {
        IEnumerable<SigningKey> candidates;
        if (kid is not null)
        {
            if (!keys.TryGet(kid, out var named))
            {
                return TokenStatus.UnknownKey;
            }

            if (named.Algorithm != SigningAlgorithm.HS256)
            {
                return TokenStatus.BadSignature;
            }

            candidates = [named];
        }
        else
        {
            candidates = [.. keys.Keys.Where(k => k.Algorithm == SigningAlgorithm.HS256)];
            if (!candidates.Any())
            {
                return TokenStatus.UnknownKey;
            }
        }

        if (!TryParseHex(hexSignature, out var signature))
        {
            return TokenStatus.BadSignature;
        }

        byte[] canonical;
        try
        {
            canonical = PythonCanonicalJson.Encode(payload);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // An undefined element or text System.Text.Json cannot transcode: nothing that could have been signed.
            return TokenStatus.Malformed;
        }

        // Every candidate is tried even after a match, so timing does not reveal which key matched.
        var valid = false;
        foreach (var key in candidates)
        {
            valid |= key.Material.Verify(canonical, signature);
        }

        return valid ? TokenStatus.Valid : TokenStatus.BadSignature;
    }

    private static bool TryParseHex(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length != HMACSHA256.HashSizeInBytes * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }
}
