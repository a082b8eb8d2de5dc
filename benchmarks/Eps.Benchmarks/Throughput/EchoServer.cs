using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Eps.Benchmarks.Throughput;

/// <summary>The yardstick: a bare Kestrel minimal API that reads the verify body as JSON and writes it back.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app) => _app = app;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/echo";

    public static async Task<EchoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/echo", (EchoBody body) => body);
        await app.StartAsync();
        return new EchoServer(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The verify request's shape.</summary>
    internal sealed record EchoBody(string? Token);
}
