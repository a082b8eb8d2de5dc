using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Eps.Core.Tokens;

/// <summary>The signing keys: one active key signs, every key (retired ones too) verifies. Thread-safe; register as a singleton.</summary>
/// <remarks>
/// Reads take an immutable snapshot with no lock; <see cref="Rotate"/> persists first and publishes a new snapshot
/// only once the store accepted it, so a failed save leaves the ring as it was. Over a store several instances share
/// (<see cref="ISharedKeyRingStore"/>) the ring follows rotations made elsewhere: before signing it checks the store's
/// version once <paramref name="refreshInterval"/> has passed since the last check (so a new key signs here at most
/// that long after another instance made it), and a token naming a kid it does not know makes it check at once (so a
/// token signed elsewhere with a brand-new key verifies here at once).
/// </remarks>
public sealed class KeyRing(IKeyRingStore store, TimeProvider time, SigningAlgorithm defaultAlgorithm = SigningAlgorithm.ES256,
    TimeSpan? refreshInterval = null) : IDisposable
{
    private readonly Lock _rotateGate = new();
    private readonly Lock _refreshGate = new();
    private readonly TimeSpan _refreshInterval = refreshInterval ?? TimeSpan.FromSeconds(5);
    private volatile Snapshot _state = Load(store, time, defaultAlgorithm);
    private long _checkedAtTicks = time.GetUtcNow().UtcTicks;

    /// <summary>The only key that signs: the newest non-retired key.</summary>
    /// <exception cref="InvalidOperationException">Every key is retired and the store is read-only.</exception>
    public SigningKey Active => Current().Active ?? throw new InvalidOperationException(
        "The key ring has no active signing key: every configured key is retired. Configure a key without RetiredAt.");

    /// <summary>All keys, oldest first.</summary>
    public IReadOnlyList<SigningKey> Keys => Current().Keys;

    /// <summary>Finds a key by kid, retired or not; an unknown kid makes a shared ring look for it in the store first.</summary>
    public bool TryGet(string kid, [NotNullWhen(true)] out SigningKey? key)
    {
        if (_state.ByKid.TryGetValue(kid, out key))
        {
            return true;
        }

        return store is ISharedKeyRingStore && Refresh(force: true).ByKid.TryGetValue(kid, out key);
    }

    /// <summary>Makes a new key of <paramref name="algorithm"/> the active one and retires the keys that were signing.</summary>
    /// <exception cref="InvalidOperationException">The store is read-only, or another instance rotated at the same moment.</exception>
    public SigningKey Rotate(SigningAlgorithm algorithm)
    {
        lock (_rotateGate)
        {
            return store is ISharedKeyRingStore shared ? RotateShared(shared, algorithm) : RotateOwned(algorithm);
        }
    }

    /// <summary>The public ES256 keys (retired ones included, so older tokens stay checkable offline).</summary>
    public JwkSet GetPublicJwks() => Current().Jwks;

    /// <summary>Releases the imported key objects.</summary>
    public void Dispose()
    {
        foreach (var key in _state.Keys)
        {
            key.Material.Dispose();
        }
    }

    private SigningKey RotateOwned(SigningAlgorithm algorithm)
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

        _state = new Snapshot(keys, current.Version);
        return fresh;
    }

    private SigningKey RotateShared(ISharedKeyRingStore shared, SigningAlgorithm algorithm)
    {
        // Rotate from what the store holds now, not from what this instance last saw.
        var current = Refresh(force: true);
        var now = time.GetUtcNow();
        var record = NewRecord(algorithm, now, current.Keys.Select(k => k.Kid));
        if (!shared.TryRotate(current.Active?.Kid, record, now))
        {
            var winner = Refresh(force: true).Active?.Kid;
            throw new InvalidOperationException(
                $"Another instance rotated the signing key at the same moment; key {winner} is now active. Rotate again if another new key is still wanted.");
        }

        return Refresh(force: true).ByKid[record.Kid];
    }

    /// <summary>The snapshot to read from; over a shared store, refreshed when the last check is older than the interval.</summary>
    private Snapshot Current()
    {
        if (store is not ISharedKeyRingStore
            || time.GetUtcNow().UtcTicks - Interlocked.Read(ref _checkedAtTicks) < _refreshInterval.Ticks)
        {
            return _state;
        }

        return Refresh(force: false);
    }

    /// <summary>Reads the store's version and reloads the keys when it changed. One caller checks; the others keep the current snapshot.</summary>
    private Snapshot Refresh(bool force)
    {
        var shared = (ISharedKeyRingStore)store;
        if (!force && !_refreshGate.TryEnter())
        {
            return _state;
        }

        if (force)
        {
            _refreshGate.Enter();
        }

        try
        {
            var current = _state;
            var version = shared.ReadVersion();
            Interlocked.Exchange(ref _checkedAtTicks, time.GetUtcNow().UtcTicks);
            if (version == current.Version)
            {
                return current;
            }

            return _state = Reload(current, shared.Load(), version);
        }
        finally
        {
            _refreshGate.Exit();
        }
    }

    /// <summary>A snapshot of <paramref name="records"/> that reuses the key objects <paramref name="current"/> already imported.</summary>
    private static Snapshot Reload(Snapshot current, IReadOnlyList<SigningKeyRecord> records, string version) =>
        new(records.Select(record => current.ByKid.TryGetValue(record.Kid, out var known) && known.Record.PrivateKey == record.PrivateKey
            && (known.RetiredAt == record.RetiredAt || record.RetiredAt is not null)
                ? known.RetiredAt == record.RetiredAt ? known : known.Retire(record.RetiredAt!.Value)
                : SigningKey.Import(record)).ToList(), version);

    private static Snapshot Load(IKeyRingStore store, TimeProvider time, SigningAlgorithm defaultAlgorithm)
    {
        var shared = store as ISharedKeyRingStore;
        var version = shared?.ReadVersion() ?? "";
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
            var first = NewRecord(defaultAlgorithm, time.GetUtcNow(), keys.Select(k => k.Kid));
            if (shared is null)
            {
                keys.Add(SigningKey.Import(first));
                store.Save([.. keys.Select(k => k.Record)]);
            }
            else
            {
                // Instances starting together race for the first key; the store lets one win and all read the winner's.
                shared.TryRotate(null, first, time.GetUtcNow());
                foreach (var key in keys)
                {
                    key.Material.Dispose();
                }

                version = shared.ReadVersion();
                keys = [.. store.Load().Select(SigningKey.Import)];
            }
        }

        return new Snapshot(keys, version);
    }

    private static SigningKeyRecord NewRecord(SigningAlgorithm algorithm, DateTimeOffset now, IEnumerable<string> takenKids) =>
        new(KeyIds.New(takenKids), algorithm, now, null, KeyMaterial.Generate(algorithm));

    private sealed class Snapshot
    {
        public Snapshot(IEnumerable<SigningKey> keys, string version)
        {
            // OrderBy is stable: keys created in the same instant keep store order, and the later one is "newer".
            Keys = [.. keys.OrderBy(k => k.CreatedAt)];
            ByKid = Keys.ToFrozenDictionary(k => k.Kid, StringComparer.Ordinal);
            Active = Keys.LastOrDefault(k => !k.IsRetired);
            Jwks = new JwkSet([.. Keys.Select(k => k.PublicJwk).OfType<Jwk>()]);
            Version = version;
        }

        public IReadOnlyList<SigningKey> Keys { get; }

        public FrozenDictionary<string, SigningKey> ByKid { get; }

        public SigningKey? Active { get; }

        public JwkSet Jwks { get; }

        /// <summary>The shared store's version these keys were read at; empty for other stores.</summary>
        public string Version { get; }
    }
}
