using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class FileKeyRingStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "eps-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Keys_survive_a_restart_and_old_tokens_still_verify()
    {
        var path = Path.Combine(_root, "nested", "data", "signing-keys.json");
        var time = TokenTestKit.NewTime();
        string before, after;
        IReadOnlyList<SigningKeyRecord> saved;
        using (var ring = new KeyRing(new FileKeyRingStore(path), time))
        {
            var codec = new PrescriptionTokenCodec(ring);
            before = codec.Issue(TokenTestKit.Typical());
            time.Advance(TimeSpan.FromDays(1));
            ring.Rotate(SigningAlgorithm.HS256);
            after = codec.Issue(TokenTestKit.Typical());
            saved = [.. ring.Keys.Select(k => k.Record)];
        }

        using var reloaded = new KeyRing(new FileKeyRingStore(path), time);
        var reloadedCodec = new PrescriptionTokenCodec(reloaded);

        Assert.Equal(saved, reloaded.Keys.Select(k => k.Record));
        Assert.Equal(TokenStatus.Valid, reloadedCodec.Read(before).Status);
        Assert.Equal(TokenStatus.Valid, reloadedCodec.Read(after).Status);
        Assert.Equal(SigningAlgorithm.HS256, reloaded.Active.Algorithm);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void The_key_file_is_private_to_its_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_root, "keys.json");
        using var ring = new KeyRing(new FileKeyRingStore(path), TokenTestKit.NewTime());
        ring.Rotate(SigningAlgorithm.ES256); // the replaced file must be private too

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_root));
    }

    [Fact]
    public void A_missing_file_is_empty_and_a_corrupt_one_is_an_error_not_a_new_key()
    {
        var path = Path.Combine(_root, "keys.json");
        Assert.Empty(new FileKeyRingStore(path).Load());

        Directory.CreateDirectory(_root);
        File.WriteAllText(path, "{ not json");

        Assert.Throws<InvalidDataException>(() => new KeyRing(new FileKeyRingStore(path), TokenTestKit.NewTime()));
        Assert.Equal("{ not json", File.ReadAllText(path));
    }

    [Fact]
    public void The_file_is_readable_json_with_string_algorithms()
    {
        var path = Path.Combine(_root, "keys.json");
        using var ring = new KeyRing(new FileKeyRingStore(path), TokenTestKit.NewTime());

        var json = File.ReadAllText(path);

        Assert.Contains("\"algorithm\": \"ES256\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"kid\": \"{ring.Active.Kid}\"", json, StringComparison.Ordinal);
    }
}
