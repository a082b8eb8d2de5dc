namespace Eps.Core.Tokens;

/// <summary>Where the key ring's records live (private keys included: keep it out of source control).</summary>
public interface IKeyRingStore
{
    /// <summary>All stored keys, retired ones included; empty when nothing is stored yet.</summary>
    IReadOnlyList<SigningKeyRecord> Load();

    /// <summary>Replaces the stored keys with <paramref name="keys"/>.</summary>
    void Save(IReadOnlyList<SigningKeyRecord> keys);

    /// <summary>False for stores that cannot persist a rotation (keys managed outside the app).</summary>
    bool CanWrite { get; }
}

/// <summary>Keeps keys in memory only: for tests and throwaway instances.</summary>
public sealed class InMemoryKeyRingStore(IEnumerable<SigningKeyRecord>? initial = null) : IKeyRingStore
{
    private readonly Lock _gate = new();
    private SigningKeyRecord[] _keys = initial?.ToArray() ?? [];

    /// <inheritdoc/>
    public bool CanWrite => true;

    /// <inheritdoc/>
    public IReadOnlyList<SigningKeyRecord> Load()
    {
        lock (_gate)
        {
            return [.. _keys];
        }
    }

    /// <inheritdoc/>
    public void Save(IReadOnlyList<SigningKeyRecord> keys)
    {
        lock (_gate)
        {
            _keys = [.. keys];
        }
    }
}

/// <summary>Keys supplied by configuration or a secret store: read-only, rotated by changing the configuration.</summary>
public sealed class ConfigurationKeyRingStore(IReadOnlyList<SigningKeyRecord> keys) : IKeyRingStore
{
    private readonly SigningKeyRecord[] _keys = [.. keys];

    /// <inheritdoc/>
    public bool CanWrite => false;

    /// <inheritdoc/>
    public IReadOnlyList<SigningKeyRecord> Load() => _keys;

    /// <inheritdoc/>
    public void Save(IReadOnlyList<SigningKeyRecord> keys) =>
        throw new InvalidOperationException(
            "Signing keys come from configuration and cannot be changed by the app: " +
            "add the new key to the configured key list (and set RetiredAt on the old one), then restart.");
}

/// <summary>
/// A store that several instances share (the database): a rotation is one conditional write, so two instances rotating
/// at once cannot leave two active keys, and every instance's <see cref="KeyRing"/> re-reads the store to follow
/// rotations made elsewhere.
/// </summary>
public interface ISharedKeyRingStore : IKeyRingStore
{
    /// <summary>
    /// Retires <paramref name="expectedActiveKid"/> (null: expects no active key) and stores <paramref name="fresh"/> as
    /// the active key, atomically. False, with nothing changed, when the active key is no longer the expected one:
    /// another instance rotated first.
    /// </summary>
    bool TryRotate(string? expectedActiveKid, SigningKeyRecord fresh, DateTimeOffset retiredAt);

    /// <summary>A short value that changes whenever a key is added or retired; cheaper to read than the keys.</summary>
    string ReadVersion();
}
