using System.ComponentModel.DataAnnotations;

namespace Eps.Core.Tokens;

/// <summary>Where the key ring lives.</summary>
public enum KeyStoreKind
{
    /// <summary>
    /// <see cref="TokenOptions.Keys"/> when given, else <see cref="TokenOptions.KeyFile"/> when given, else the database
    /// on PostgreSQL and SQL Server and the data folder's key file on SQLite.
    /// </summary>
    Auto,

    /// <summary>A key file (or <see cref="TokenOptions.Keys"/>): one instance.</summary>
    File,

    /// <summary>The app's database, private keys encrypted with data protection: every instance on the database shares it.</summary>
    Database,
}

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

    /// <summary>Where the key ring lives; see <see cref="KeyStoreKind"/>.</summary>
    public KeyStoreKind Store { get; set; } = KeyStoreKind.Auto;

    /// <summary>
    /// With a shared (database) store: how often an instance checks the store for a key rotated by another instance
    /// before it signs. A token naming a key the instance does not know makes it check at once.
    /// </summary>
    [Range(1, 300)]
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>Keys supplied by configuration (e.g. a secret store); when present the ring is read-only.</summary>
    public List<SigningKeyRecord> Keys { get; set; } = [];

    [Range(1, 365)]
    public int ValidityDays { get; set; } = 30;

    [Required, RegularExpression("^[A-Z]{2,5}-[A-Z]{2,5}-$")]
    public string PrescriptionIdPrefix { get; set; } = "PHB-RX-";
}
