namespace Eps.Core.Tokens;

/// <summary>How a token is signed: ES256 (ECDSA P-256, verifiable offline from the JWKS) or HS256 (the seed's HMAC-SHA256).</summary>
public enum SigningAlgorithm
{
    ES256,
    HS256,
}

/// <summary>What the QR token carries: what verification and identification need, nothing more (names stay on the page).</summary>
/// <remarks>Expiry travels as whole Unix seconds; <see cref="Hpn"/> is digits only (no display spaces).</remarks>
public sealed record TokenClaims(
    string PrescriptionId,
    Guid Nonce,
    string Hpn,
    string Medication,
    int Quantity,
    DateTimeOffset Expiry,
    string PharmacyCode);

/// <summary>Outcome of reading a token, in the order the checks run.</summary>
public enum TokenStatus
{
    Valid,
    Malformed,
    UnknownKey,
    BadSignature,
}

/// <summary>Result of <see cref="PrescriptionTokenCodec.Read"/>; claims are present only when the signature checked out.</summary>
public sealed record TokenReadResult(
    TokenStatus Status,
    TokenClaims? Claims,
    string? Kid,
    SigningAlgorithm? Algorithm,
    string? Error)
{
    /// <summary>True when the signature is good and the claims parsed.</summary>
    public bool IsValid => Status == TokenStatus.Valid;

    internal static TokenReadResult Fail(TokenStatus status, string error, string? kid = null, SigningAlgorithm? algorithm = null) =>
        new(status, null, kid, algorithm, error);
}
