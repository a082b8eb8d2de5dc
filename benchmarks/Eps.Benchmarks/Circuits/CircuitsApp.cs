using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Eps.Benchmarks.Circuits;

/// <summary>
/// The whole app on Kestrel in this process, as <see cref="Queue.BenchApp"/> hosts it (Development, throw-away data
/// folder, warnings only), with the component hub's protocol wrapped by a <see cref="RenderBatchTap"/>.
/// </summary>
internal sealed class CircuitsApp : WebApplicationFactory<Program>
{
    public CircuitsApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public RenderBatchTap Tap { get; } = new();

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "eps-bench", Guid.NewGuid().ToString("N"));

    public string BaseUrl =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataPath", DataPath);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        });
        builder.ConfigureTestServices(services =>
        {
            // Blazor registers its internal "blazorpack" protocol by type; decorate that registration.
            var blazorPack = services.Single(d => d.ServiceType == typeof(IHubProtocol)
                && d.ImplementationType?.Name == "BlazorPackHubProtocol");
            services.Remove(blazorPack);
            services.AddSingleton<IHubProtocol>(sp =>
                new TappedHubProtocol((IHubProtocol)ActivatorUtilities.CreateInstance(sp, blazorPack.ImplementationType!), Tap));
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
