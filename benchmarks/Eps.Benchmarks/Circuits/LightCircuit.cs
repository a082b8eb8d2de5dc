using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Eps.Benchmarks.Circuits;

/// <summary>One render batch as the client received it; <see cref="Timestamp"/> is <see cref="Stopwatch.GetTimestamp"/>.</summary>
internal sealed record BatchReceived(int Circuit, long Timestamp, long BatchId, int Bytes, IReadOnlyList<string> Ids);

/// <summary>
/// One interactive-server circuit driven the way blazor.web.js drives it in a .NET 8+ Web App, with no DOM: connect to
/// <c>/_blazor</c> with the sign-in cookie, <c>StartCircuit(baseUri, uri, "[]", state)</c>, wait for the server to
/// attach its renderer (<c>Blazor._internal.attachWebRendererInterop</c>), then <c>UpdateRootComponents</c> with an "add"
/// per prerendered marker. Every render batch is acknowledged with <c>OnRenderCompleted</c>; every JS call that
/// expects an answer gets a null success (a fresh object reference where one is asked for), so nothing waits.
/// </summary>
internal sealed class LightCircuit : IAsyncDisposable
{
    private const string AttachRenderer = "Blazor._internal.attachWebRendererInterop";
    private const int JSObjectReferenceResult = 1;
    private static int s_jsObjects;

    private readonly HubConnection _connection;
    private readonly Action<BatchReceived> _onBatch;
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LightCircuit(int index, HubConnection connection, Action<BatchReceived> onBatch)
    {
        (Index, _connection, _onBatch) = (index, connection, onBatch);
        _connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(object), typeof(object), typeof(object)],
            args => OnBeginInvokeJSAsync((long)args[0]!, (string)args[1]!, Convert.ToInt32(args[3], CultureInfo.InvariantCulture)));
        _connection.On<string>("JS.Error", error => Error ??= error);
        _connection.Closed += e =>
        {
            Error ??= "connection closed" + (e is null ? "" : ": " + e.Message);
            return Task.CompletedTask;
        };
    }

    /// <summary>Every JS function the server asked this process's circuits to run, with how often.</summary>
    public static ConcurrentDictionary<string, int> JSCalls { get; } = new();

    public int Index { get; }

    public string? Error { get; private set; }

    public int Batches { get; private set; }

    public int FirstBatchBytes { get; private set; }

    public int LargestBatchBytes { get; private set; }

    public long LastBatchAt { get; private set; }

    public HashSet<string> SeenIds { get; } = [];

    public static async Task<LightCircuit> OpenAsync(int index, Uri baseUri, string path, HttpClient http, CookieContainer cookies,
        Action<BatchReceived> onBatch, CancellationToken cancellationToken)
    {
        var pageUri = new Uri(baseUri, path);
        var page = PrerenderedPage.Parse(await http.GetStringAsync(pageUri, cancellationToken));
        if (page.ServerMarkers.Count == 0)
        {
            throw new InvalidOperationException($"{pageUri} has no interactive server component markers (not signed in?)");
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, o => o.Cookies = cookies);
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackClientProtocol());
        var circuit = new LightCircuit(index, builder.Build(), onBatch);
        await circuit._connection.StartAsync(cancellationToken);

        var secret = await circuit._connection.InvokeAsync<string?>(
            "StartCircuit", baseUri.AbsoluteUri, pageUri.AbsoluteUri, "[]", page.ApplicationState, cancellationToken);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"circuit {index}: StartCircuit refused ({circuit.Error})");
        }

        await circuit._attached.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await circuit._connection.SendAsync("UpdateRootComponents", page.OperationsJson(), page.ApplicationState, cancellationToken);
        return circuit;
    }

    private Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var at = Stopwatch.GetTimestamp();
        var ids = PrescriptionIds.In(data);
        if (Batches++ == 0)
        {
            FirstBatchBytes = data.Length;
        }

        LargestBatchBytes = Math.Max(LargestBatchBytes, data.Length);
        LastBatchAt = at;
        SeenIds.UnionWith(ids);
        _onBatch(new BatchReceived(Index, at, batchId, data.Length, ids));
        return _connection.SendAsync("OnRenderCompleted", batchId, (string?)null);
    }

    private Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, int resultType)
    {
        JSCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (identifier == AttachRenderer)
        {
            _attached.TrySetResult();
        }

        if (asyncHandle == 0)
        {
            return Task.CompletedTask; // fire-and-forget call: no answer expected
        }

        var result = resultType == JSObjectReferenceResult
            ? $$"""{"__jsObjectId":{{Interlocked.Increment(ref s_jsObjects)}}}"""
            : "null";
        return _connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,{result}]");
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
