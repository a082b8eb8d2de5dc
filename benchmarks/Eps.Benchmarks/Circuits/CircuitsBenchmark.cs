using System.Diagnostics;
using Eps.Benchmarks.Queue;
using Eps.Benchmarks.Reporting;

namespace Eps.Benchmarks.Circuits;

/// <summary>
/// The issue's two circuit figures: server memory per open pharmacist queue circuit, and the fan-out of one approval
/// to many circuits of the same pharmacy. The app runs in this process; the circuits are light .NET clients in a child
/// process, so the server's heap holds no client objects and no browser loads the two cores.
/// </summary>
internal static class CircuitsBenchmark
{
    public const double ManagedTargetKb = 500;
    public const double FanOutTargetMs = 250;
    private const int WarmUpCircuits = 2;
    private const int WarmUpApprovals = 3;

    // A full first page while measuring: 24 pending rows, and each measured approval adds the 25th (pending is oldest
    // first, so the new row lands on the first page) before it is retired again.
    private const int PendingRows = 24;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(20);

    public const string Method =
        "App in-process on Kestrel (Development, SQLite, server GC as in Eps.Web), 24 pending prescriptions (a full first page of 25 " +
        "with each new one); circuits are light .NET clients in a child process " +
        "(SignalR + MessagePack as 'blazorpack': GET /pharmacy/queue as the signed-in pharmacist, StartCircuit + UpdateRootComponents " +
        "with the prerendered markers, every render batch acknowledged, every JS call answered). Memory: this process after " +
        "full blocking compacting GCs, with 2 warm-up circuits of another pharmacy open, before vs after opening N circuits " +
        "(+2 s settle), delta / N. Fan-out: per approval (3 warm-up approvals discarded), Reviews.ApproveAsync returned → the " +
        "Nth JS.RenderBatch carrying the new PHB-RX id serialised onto a circuit connection (server-side, a decorator on the " +
        "hub protocol); also the first such batch and the last batch received by the client (Stopwatch timestamps, " +
        "CLOCK_MONOTONIC shared by both processes).";

    public static async Task RunAsync(CircuitsOptions options, TextWriter output, TextWriter progress)
    {
        var n = options.Circuits;
        await using var app = new CircuitsApp();
        progress.WriteLine($"app: {app.BaseUrl} (data in {app.DataPath})");
        var approver = await Approver.CreateAsync(app.Services);
        var clock = new BenchClock();
        var (t0, c0) = (Stopwatch.GetTimestamp(), clock.NowMs);
        double Ms(long timestamp) => c0 + ((timestamp - t0) * 1000.0 / Stopwatch.Frequency);

        // The oldest pending row is on every queue's first page: a circuit that renders it has rendered the queue.
        var seed = await approver.ApproveAsync(clock);
        for (var i = 1; i < PendingRows; i++)
        {
            await approver.ApproveAsync(clock);
        }

        var clients = ClientProcess.Start(new LightClientsOptions(new Uri(app.BaseUrl), n, WarmUpCircuits, seed.PrescriptionId), progress);
        await using (clients)
        {
            await clients.WarmedUp;
            var before = HeapSnapshot.Take();
            progress.WriteLine($"opening {n} pharmacist queue circuits ...");
            await clients.SendAsync("GO");
            await clients.Ready;
            await Task.Delay(2000);
            var memory = new MemoryFigure(n, before, HeapSnapshot.Take());
            progress.WriteLine($"  {memory.ManagedKbPerCircuit:0.0} KB managed per circuit; {options.Approvals} approvals ...");

            app.Tap.Enabled = true;
            var (lastSent, firstSent, lastReceived) = (new List<double>(), new List<double>(), new List<double>());
            var reached = 0;
            for (var i = 0; i < WarmUpApprovals + options.Approvals; i++)
            {
                var approved = await approver.ApproveAsync(clock);
                var waited = Stopwatch.StartNew();
                IReadOnlyList<long> sent;
                IReadOnlyDictionary<int, long> received;
                while (((sent = app.Tap.SentWith(approved.PrescriptionId)).Count < n
                           || (received = clients.ReceivedWith(approved.PrescriptionId)).Count < n)
                       && waited.Elapsed < DeliveryTimeout)
                {
                    await Task.Delay(5);
                }

                received = clients.ReceivedWith(approved.PrescriptionId);
                var complete = sent.Count >= n && received.Count >= n;
                if (!complete)
                {
                    progress.WriteLine($"  {approved.PrescriptionId}: sent to {sent.Count}, received by {received.Count} of {n} circuits");
                }

                if (i >= WarmUpApprovals && complete)
                {
                    reached++;
                    lastSent.Add(Ms(sent[n - 1]) - approved.CommittedAt);
                    firstSent.Add(Ms(sent[0]) - approved.CommittedAt);
                    lastReceived.Add(Ms(received.Values.Max()) - approved.CommittedAt);
                }

                await approver.RetireAsync(approved.PrescriptionId);
                await Task.Delay(250); // let every circuit go idle, as between real approvals
            }

            var fanOut = new FanOutFigure(options.Approvals, reached, Summary.Of(lastSent), Summary.Of(firstSent), Summary.Of(lastReceived));
            await clients.DisposeAsync();
            var firstBatches = clients.LargestBatchBytes.Order().ToArray();
            var check = new ClientCheck(firstBatches.Length, firstBatches.FirstOrDefault(), firstBatches.Length == 0 ? 0 : firstBatches[firstBatches.Length / 2],
                [.. clients.JSCalls], [.. clients.Errors]);
            var report = new CircuitsReport(Artifacts.Machine, options, memory, fanOut, check,
                memory.ManagedKbPerCircuit < ManagedTargetKb,
                reached == options.Approvals && fanOut.LastSentMs.P95 < FanOutTargetMs, Method);
            report.Print(output);
            output.WriteLine();
            output.WriteLine($"Figures saved to {Artifacts.Save("circuits", report)}");
        }
    }
}
