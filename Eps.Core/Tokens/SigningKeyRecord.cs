namespace Eps.Core.Tokens;

/// <summary>A signing key as stored: base64 PKCS#8 for ES256, a base64 raw secret (at least 32 bytes) for HS256.</summary>
public sealed record SigningKeyRecord(
    string Kid,
    SigningAlgorithm Algorithm,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RetiredAt,
    string PrivateKey)
{
    // The compiler-generated ToString would print the private key into any log line that mentions a record.
    /// <inheritdoc/>
    public override string ToString() =>
        $"SigningKeyRecord {{ Kid = {Kid}, Algorithm = {Algorithm}, CreatedAt = {CreatedAt:O}, RetiredAt = {RetiredAt:O}, PrivateKey = *** }}";
}
