using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Eps.Core.Tokens;

/// <summary>The signing keys: one active key signs, every key (retired ones too) verifies. Thread-safe; register as a singleton.</summary>
/// <remarks>
/// Reads take an immutable snapshot with no lock; <see cref="Rotate"/> persists first and publishes a new snapshot
/// only once the store accepted it, so a failed save leaves the ring as it was.
/// </remarks>
public sealed class KeyRing(IKeyRingStore store, TimeProvider time, SigningAlgorithm defaultAlgorithm = SigningAlgorithm.ES256)
    : IDisposable
{
    private readonly Lock _rotateGate = new();
    private volatile Snapshot _state = Load(store, time, defaultAlgorithm);

    /// <summary>The only key that signs: the newest non-retired key.</summary>
    /// <exception cref="InvalidOperationException">Every key is retired and the store is read-only.</exception>
    public SigningKey Active => _state.Active ?? throw new InvalidOperationException(
        "The key ring has no active signing key: every configured key is retired. Configure a key without RetiredAt.");

    /// <summary>All keys, oldest first.</summary>
    public IReadOnlyList<SigningKey> Keys => _state.Keys;

    /// <summary>Finds a key by kid, retired or not.</summary>
    public bool TryGet(string kid, [NotNullWhen(true)] out SigningKey? key) => _state.ByKid.TryGetValue(kid, out key);

    /// <summary>Makes a new key of <paramref name="algorithm"/> the active one and retires the keys that were signing.</summary>
    /// <exception cref="InvalidOperationException">The store is read-only.</exception>
    public SigningKey Rotate(SigningAlgorithm algorithm)
    {
        lock (_rotateGate)
        {
            var current = _state;
            var now = time.GetUtcNow();
            var fresh = SigningKey.Import(NewRecord(algorithm, now, current.Keys.Select(k => k.Kid)));
            var keys = current.Keys.Select(k => k.IsRetired ? k : k.Retire(now)).Append(fresh).ToArray();
            try
            {
                store.Save([.. keys.Select(k => k.Record)]);
            }
            catch
            {
                fresh.Material.Dispose();
                throw;
            }

            _state = new Snapshot(keys);
            return fresh;
        }
    }

    /// <summary>The public ES256 keys (retired ones included, so older tokens stay checkable offline).</summary>
    public JwkSet GetPublicJwks() => _state.Jwks;

    /// <summary>Releases the imported key objects.</summary>
    public void Dispose()
    {
        foreach (var key in _state.Keys)
        {
            key.Material.Dispose();
        }
    }

    private static Snapshot Load(IKeyRingStore store, TimeProvider time, SigningAlgorithm defaultAlgorithm)
    {
        var records = store.Load();
        var duplicate = records.GroupBy(r => r.Kid, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"The key ring holds kid '{duplicate.Key}' more than once.");
        }

        var keys = records.Select(SigningKey.Import).ToList();
        if (!keys.Any(k => !k.IsRetired) && store.CanWrite)
        {
            // First run (or every key retired): start signing at once rather than failing the first approval.
            keys.Add(SigningKey.Import(NewRecord(defaultAlgorithm, time.GetUtcNow(), keys.Select(k => k.Kid))));
            store.Save([.. keys.Select(k => k.Record)]);
        }

        return new Snapshot(keys);
    }

    private static SigningKeyRecord NewRecord(SigningAlgorithm algorithm, DateTimeOffset now, IEnumerable<string> takenKids) =>
        new(KeyIds.New(takenKids), algorithm, now, null, KeyMaterial.Generate(algorithm));

    private sealed class Snapshot
    {
        public Snapshot(IEnumerable<SigningKey> keys)
        {
            // OrderBy is stable: keys created in the same instant keep store order, and the later one is "newer".
            Keys = [.. keys.OrderBy(k => k.CreatedAt)];
            ByKid = Keys.ToFrozenDictionary(k => k.Kid, StringComparer.Ordinal);
            Active = Keys.LastOrDefault(k => !k.IsRetired);
            Jwks = new JwkSet([.. Keys.Select(k => k.PublicJwk).OfType<Jwk>()]);
        }

        public IReadOnlyList<SigningKey> Keys { get; }

        public FrozenDictionary<string, SigningKey> ByKid { get; }

        public SigningKey? Active { get; }

        public JwkSet Jwks { get; }
    }
}
