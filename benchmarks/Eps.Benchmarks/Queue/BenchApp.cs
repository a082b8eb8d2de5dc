using System.Net;
using Eps.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Eps.Benchmarks.Queue;

/// <summary>
/// The whole app in this process on Kestrel (127.0.0.1, random port), Development (migrations + demo seed), with its
/// own throw-away data folder. Only warnings are logged so they do not drown the figures.
/// </summary>
internal sealed class BenchApp : WebApplicationFactory<Program>
{
    public BenchApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "eps-bench", Guid.NewGuid().ToString("N"));

    public string BaseUrl =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public string ConnectionString => Services.GetRequiredService<DataPaths>().SqliteConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataPath", DataPath);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSimpleConsole(o => o.SingleLine = true);
            // A provider-specific rule outranks the category rules of appsettings.
            logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
