using System.Security.Cryptography.Cose;
using System.Text;

namespace Eps.Core.Tokens;

/// <summary>Issues and reads QR tokens: <c>EPS1:</c> + Base45(COSE_Sign1 or COSE_Mac0 over the CBOR claims).</summary>
public sealed partial class PrescriptionTokenCodec(KeyRing keys)
{
    /// <summary>Version marker in front of every token; only QR alphanumeric characters.</summary>
    public const string Prefix = "EPS1:";

    /// <summary>Alphanumeric capacity of a version 12 QR at ECC M: no issued token may be longer (SPEC hard limit).</summary>
    public const int MaxIssuedLength = 419;

    // Generous against future formats, small enough that a hostile input costs nothing to refuse.
    private const int MaxReadLength = 4096;

    /// <summary>Signs the claims with the active key.</summary>
    /// <exception cref="ArgumentException">A claim is empty or ill-formed, or the token would not fit a version 12 QR.</exception>
    public string Issue(TokenClaims claims)
    {
        ClaimsCbor.Validate(claims);
        var key = keys.Active;
        var payload = ClaimsCbor.Encode(claims);
        var kid = Encoding.UTF8.GetBytes(key.Kid);
        byte[] message;
        if (key.Material is EcdsaKeyMaterial ecdsa)
        {
            var headers = new CoseHeaderMap
            {
                { CoseHeaderLabel.Algorithm, (int)CoseConstants.AlgEs256 },
                { CoseHeaderLabel.KeyIdentifier, kid },
            };
            message = ecdsa.SignCoseSign1(payload, headers);
        }
        else
        {
            // System.Security.Cryptography.Cose has no MAC messages, so COSE_Mac0 is written by hand (RFC 9052 section 6.2).
            var protectedBytes = CoseWriter.EncodeProtected(key.Material.CoseAlgorithm, kid);
            var tag = key.Material.Sign(CoseWriter.ToBeSigned(CoseConstants.ContextMac0, protectedBytes, payload));
            message = CoseWriter.Encode(CoseConstants.TagMac0, protectedBytes, payload, tag);
        }

        var token = Prefix + Base45.Encode(message);
        return token.Length <= MaxIssuedLength
            ? token
            : throw new ArgumentException(
                $"The token would be {token.Length} characters, more than a version 12 QR holds ({MaxIssuedLength}); shorten the medication text.",
                nameof(claims));
    }

    /// <summary>Parses and checks a token's signature (not expiry or state: the verification service does that). Never throws.</summary>
    public TokenReadResult Read(string? token)
    {
        try
        {
            return ReadCore(token);
        }
#pragma warning disable CA1031 // Untrusted input: whatever a decoder throws on it is a malformed token, never a 500.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return TokenReadResult.Fail(TokenStatus.Malformed, $"unreadable token ({ex.GetType().Name})");
        }
    }

    private TokenReadResult ReadCore(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxReadLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return TokenReadResult.Fail(TokenStatus.Malformed, $"not an {Prefix} token");
        }

        if (!Base45.TryDecode(token.AsSpan(Prefix.Length), out var bytes))
        {
            return TokenReadResult.Fail(TokenStatus.Malformed, "not Base45");
        }

        if (CoseEnvelope.TryParse(bytes, out var error) is not { } message)
        {
            return TokenReadResult.Fail(TokenStatus.Malformed, error);
        }

        var kid = message.Kid is { Length: > 0 and <= KeyIds.MaxLength } ? Encoding.UTF8.GetString(message.Kid) : null;
        if (kid is null || !keys.TryGet(kid, out var key))
        {
            return TokenReadResult.Fail(TokenStatus.UnknownKey, "unknown signing key", kid);
        }

        // The key decides the algorithm, never the token: this is what stops alg "none" and ES256/HS256 confusion.
        var material = key.Material;
        if (message.Algorithm != material.CoseAlgorithm || message.Tag != material.CoseTag || message.HasCritical)
        {
            return TokenReadResult.Fail(TokenStatus.BadSignature, "algorithm does not match the key", kid, key.Algorithm);
        }

        if (message.Signature.Length != material.SignatureLength || !material.Verify(message.ToBeSigned(), message.Signature))
        {
            return TokenReadResult.Fail(TokenStatus.BadSignature, "invalid signature", kid, key.Algorithm);
        }

        return ClaimsCbor.TryDecode(message.Payload) is { } claims
            ? new TokenReadResult(TokenStatus.Valid, claims, kid, key.Algorithm, null)
            : TokenReadResult.Fail(TokenStatus.Malformed, "signed, but the claims are incomplete", kid, key.Algorithm);
    }
}
