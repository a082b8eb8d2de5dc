using System.Globalization;
using Eps.Benchmarks.Queue;

namespace Eps.Benchmarks.Circuits;

/// <summary>Server heap and working set before and after opening the measured circuits.</summary>
internal sealed record MemoryFigure(int Circuits, HeapSnapshot Before, HeapSnapshot After)
{
    public double ManagedKbPerCircuit => (After.ManagedBytes - Before.ManagedBytes) / 1024.0 / Circuits;

    public double WorkingSetKbPerCircuit => (After.WorkingSetBytes - Before.WorkingSetBytes) / 1024.0 / Circuits;
}

/// <summary>
/// Approval committed → the last (and the first) circuit's render batch carrying the new ID sent by the server, and
/// received by the light client. Only approvals that reached every circuit are in the summaries.
/// </summary>
internal sealed record FanOutFigure(int Approvals, int ReachedEveryCircuit, Summary LastSentMs, Summary FirstSentMs, Summary LastReceivedMs);

/// <summary>Evidence that the light clients hold real circuits that render the queue.</summary>
internal sealed record ClientCheck(int CircuitsOpened, int LargestBatchBytesMin, int LargestBatchBytesMedian,
    IReadOnlyList<string> JSCallsAnswered, IReadOnlyList<string> Errors);

/// <summary>Everything the circuits command measured; printed as markdown and saved as JSON.</summary>
internal sealed record CircuitsReport(string Machine, CircuitsOptions Options, MemoryFigure Memory, FanOutFigure FanOut,
    ClientCheck Clients, bool MemoryTargetMet, bool FanOutTargetMet, string Method)
{
    public bool TargetMet => MemoryTargetMet && FanOutTargetMet;

    public void Print(TextWriter output)
    {
        var f = CultureInfo.InvariantCulture;
        var (m, s) = (Memory, FanOut.LastSentMs);
        output.WriteLine($"## Pharmacist queue circuits ({Options.Circuits} circuits, {Options.Approvals} approvals)");
        output.WriteLine();
        output.WriteLine(Machine);
        output.WriteLine();
        output.WriteLine("| circuits | managed KB / circuit | working set KB / circuit | fan-out p50 ms | fan-out p95 ms | fan-out max ms | target met |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---|");
        output.WriteLine(string.Create(f, $"| {m.Circuits} | {m.ManagedKbPerCircuit:0.0} | {m.WorkingSetKbPerCircuit:0.0} | {s.P50:0.0} | {s.P95:0.0} | {s.Max:0.0} | " +
            $"{YesNo(TargetMet)} (< {CircuitsBenchmark.ManagedTargetKb} KB managed: {YesNo(MemoryTargetMet)}; p95 < {CircuitsBenchmark.FanOutTargetMs} ms: {YesNo(FanOutTargetMet)}) |"));
        output.WriteLine();
        output.WriteLine(string.Create(f, $"First circuit's render sent: p50 {FanOut.FirstSentMs.P50:0.0} ms, p95 {FanOut.FirstSentMs.P95:0.0} ms. " +
            $"Last circuit's batch received by the light client: p50 {FanOut.LastReceivedMs.P50:0.0} ms, p95 {FanOut.LastReceivedMs.P95:0.0} ms, max {FanOut.LastReceivedMs.Max:0.0} ms."));
        output.WriteLine(string.Create(f, $"Checks: {Clients.CircuitsOpened} circuits rendered the queue (largest batch {Clients.LargestBatchBytesMin:N0} B min, " +
            $"{Clients.LargestBatchBytesMedian:N0} B median, the interactive render of the whole page); {FanOut.ReachedEveryCircuit} of {FanOut.Approvals} approvals reached every circuit " +
            $"(sent and received); client errors: {Clients.Errors.Count}."));
        output.WriteLine($"JS calls answered by the light client: {string.Join(", ", Clients.JSCallsAnswered)}.");
        output.WriteLine(string.Create(f, $"Heap {m.Before.ManagedBytes / 1048576.0:0.0} → {m.After.ManagedBytes / 1048576.0:0.0} MB, " +
            $"working set {m.Before.WorkingSetBytes / 1048576.0:0.0} → {m.After.WorkingSetBytes / 1048576.0:0.0} MB."));
        output.WriteLine();
        output.WriteLine($"Method: {Method}");
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
