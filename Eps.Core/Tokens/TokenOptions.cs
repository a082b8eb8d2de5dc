using System.ComponentModel.DataAnnotations;

namespace Eps.Core.Tokens;

/// <summary>The <c>Tokens</c> configuration section.</summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>Algorithm of newly generated keys.</summary>
    public SigningAlgorithm Algorithm { get; set; } = SigningAlgorithm.ES256;

    /// <summary>
    /// Key ring file. Empty: <c>keys/signing-keys.json</c> in the data folder, generated on first run in Development only.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>Keys supplied by configuration (e.g. a secret store); when present the ring is read-only.</summary>
    public List<SigningKeyRecord> Keys { get; set; } = [];

    [Range(1, 365)]
    public int ValidityDays { get; set; } = 30;

    [Required, RegularExpression("^[A-Z]{2,5}-[A-Z]{2,5}-$")]
    public string PrescriptionIdPrefix { get; set; } = "PHB-RX-";
}
