using System.Diagnostics;
using System.Runtime;

namespace Eps.Benchmarks.Circuits;

/// <summary>This process's managed heap after full blocking, compacting collections, and its working set.</summary>
internal sealed record HeapSnapshot(long ManagedBytes, long WorkingSetBytes)
{
    public static HeapSnapshot Take()
    {
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return new HeapSnapshot(managed, self.WorkingSet64);
    }
}
