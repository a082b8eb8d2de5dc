using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Eps.Core.Storage;

/// <summary>The <c>Storage</c> configuration section: where runtime files (SQLite database, keys, mail) live.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Relative paths are resolved against the app's content root.</summary>
    [Required]
    public string DataPath { get; set; } = "data";
}

/// <summary>Resolves the data folder and the files kept in it.</summary>
public sealed class DataPaths(IOptions<StorageOptions> storage, IHostEnvironment environment)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, storage.Value.DataPath));

    /// <summary>A path inside the data folder; the folder is created on first use.</summary>
    public string Combine(params string[] parts)
    {
        Directory.CreateDirectory(Root);
        return Path.Combine([Root, .. parts]);
    }
}

/// <summary>Registers the data folder.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddEpsStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DataPaths>();
        return services;
    }
}
