using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eps.Core.Tokens;

/// <summary>Keys in a JSON file readable by the owner only (0600), replaced atomically on save.</summary>
public sealed class FileKeyRingStore(string path) : IKeyRingStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _gate = new();

    /// <summary>The key file's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <inheritdoc/>
    public bool CanWrite => true;

    /// <inheritdoc/>
    public IReadOnlyList<SigningKeyRecord> Load()
    {
        lock (_gate)
        {
            if (!File.Exists(Path))
            {
                return [];
            }

            try
            {
                using var stream = File.OpenRead(Path);
                var file = JsonSerializer.Deserialize<KeyRingFile>(stream, Json);
                return file?.Keys ?? [];
            }
            catch (JsonException ex)
            {
                // Never fall back to a fresh key: that would silently invalidate every token already printed.
                throw new InvalidDataException($"The signing key file '{Path}' is not valid: {ex.Message}", ex);
            }
        }
    }

    /// <inheritdoc/>
    public void Save(IReadOnlyList<SigningKeyRecord> keys)
    {
        lock (_gate)
        {
            var directory = System.IO.Path.GetDirectoryName(Path)!;
            CreateDirectory(directory);

            // Write beside the target and rename over it: readers see the old file or the new one, never half of one.
            var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, OwnerOnly()))
                {
                    JsonSerializer.Serialize(stream, new KeyRingFile([.. keys]), Json);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, Path, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static FileStreamOptions OwnerOnly()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the first byte, so there is no moment when the secret is world-readable.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private sealed record KeyRingFile(IReadOnlyList<SigningKeyRecord> Keys);
}
