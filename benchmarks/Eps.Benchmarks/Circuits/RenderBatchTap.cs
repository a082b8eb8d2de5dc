using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Eps.Benchmarks.Circuits;

/// <summary>
/// Server-side stamps of render batches: when a <c>JS.RenderBatch</c> message is serialised onto a circuit's
/// connection (the moment the render is sent), which prescription IDs it carries. Off until <see cref="Enabled"/>.
/// </summary>
internal sealed class RenderBatchTap
{
    private readonly ConcurrentDictionary<string, List<long>> _sent = new();

    public bool Enabled { get; set; }

    /// <summary>Stopwatch timestamps of every batch sent with <paramref name="prescriptionId"/>, in order.</summary>
    public IReadOnlyList<long> SentWith(string prescriptionId)
    {
        if (!_sent.TryGetValue(prescriptionId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    public void Observe(HubMessage message)
    {
        if (!Enabled || message is not InvocationMessage { Target: "JS.RenderBatch", Arguments: [_, var data] })
        {
            return;
        }

        var at = Stopwatch.GetTimestamp();
        var bytes = data switch
        {
            ArraySegment<byte> segment => segment.AsSpan(),
            byte[] array => array.AsSpan(),
            _ => [],
        };
        foreach (var id in PrescriptionIds.In(bytes))
        {
            var list = _sent.GetOrAdd(id, _ => []);
            lock (list)
            {
                list.Add(at);
            }
        }
    }
}

/// <summary>Decorates the server's "blazorpack" protocol so every outgoing message passes the tap first.</summary>
internal sealed class TappedHubProtocol(IHubProtocol inner, RenderBatchTap tap) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        tap.Observe(message);
        inner.WriteMessage(message, output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        tap.Observe(message);
        return inner.GetMessageBytes(message);
    }
}
