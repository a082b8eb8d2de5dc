using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// The whole app (Kestrel on 127.0.0.1, Quartz jobs, outbox delivery) on a data folder that outlives the process, with
/// the given settings over appsettings.json. Logs go to stderr so stdout carries only the worker's progress lines.
/// </summary>
internal sealed class FaultHost : WebApplicationFactory<Program>
{
    private readonly string _dataPath;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public FaultHost(string dataPath, IReadOnlyDictionary<string, string> settings)
    {
        (_dataPath, _settings) = (dataPath, settings);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string BaseUrl =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataPath", _dataPath);
        builder.UseSetting("RateLimits:SignInPermitsPerMinute", "100000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        });
    }
}
