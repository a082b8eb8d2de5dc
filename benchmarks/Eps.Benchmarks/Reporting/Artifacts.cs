using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Eps.Benchmarks.Reporting;

/// <summary>Where every command saves its figures: <c>artifacts/bench-&lt;name&gt;.json</c> at the repository root.</summary>
internal static class Artifacts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The machine line printed above every table and stored in every JSON file.</summary>
    public static string Machine { get; } = string.Create(CultureInfo.InvariantCulture,
        $".NET {Environment.Version}, {Environment.ProcessorCount} cores visible, {RuntimeInformation.OSDescription}");

    /// <summary>The folder holding <c>Eps.sln</c>: above the working directory, else above this program's assembly.</summary>
    public static string RepositoryRoot { get; } =
        Above(Directory.GetCurrentDirectory()) ?? Above(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();

    /// <summary>Writes <paramref name="report"/> as <c>artifacts/bench-{name}.json</c>; returns its path.</summary>
    public static string Save(string name, object report) => SaveFile($"bench-{name}.json", report);

    /// <summary>Writes <paramref name="report"/> as <c>artifacts/{fileName}</c>; returns its path.</summary>
    public static string SaveFile(string fileName, object report)
    {
        var artifacts = Path.Combine(RepositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        var path = Path.Combine(artifacts, fileName);
        File.WriteAllText(path, JsonSerializer.Serialize(report, report.GetType(), Json));
        return path;
    }

    private static string? Above(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Eps.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }
}
