using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Eps.Benchmarks.Throughput;

/// <summary>Where a bucket's CPU went: its sampled share and what that is per verify.</summary>
/// <param name="MicrosPerVerify">The share times the measured server CPU µs per verify of the unprofiled median round.</param>
/// <param name="SampledMicrosPerVerify">The bucket's own samples times the sampling interval, per verify of the profiled round.</param>
internal sealed record CpuBucket(string Name, long Samples, double Share, double MicrosPerVerify, double SampledMicrosPerVerify);

/// <summary>A method by exclusive (leaf) samples, with the bucket its samples went to.</summary>
internal sealed record CpuMethod(string Method, string Bucket, long Samples, double Share);

/// <summary>
/// A CPU sampling profile of one extra verify round. Samples of threads that were running (managed code, or a native
/// call that computes such as OpenSSL or SQLite) are counted; samples of blocked threads and of the benchmark's own
/// harness and profiler are not.
/// </summary>
internal sealed record CpuProfileReport(
    LoadFigure Round, double MeasuredMicrosPerVerify, double SampleIntervalMs, long ManagedSamples, long NativeSamples, long BlockedSamples,
    long HarnessSamples, double SampledMicrosPerVerify, IReadOnlyList<CpuBucket> Buckets,
    IReadOnlyList<CpuMethod> TopMethods);

/// <summary>
/// Samples this process's own threads through EventPipe (<c>Microsoft-DotNETCore-SampleProfiler</c>, method names from
/// the runtime's JIT and loader events and the rundown at the end) and splits the running samples by the frames on their
/// stacks, from the leaf up: the first frame that names crypto, the token's decoding, the prescription lookup or the journal
/// decides (so the audit chain's SHA-256 counts as crypto); a stack with none of them is the database driver's when only
/// its frames are left (an async continuation resumed by its I/O), framework when it serves a request (Kestrel or its
/// sockets at its root), and background otherwise.
/// </summary>
internal static class CpuProfile
{
    public const string Crypto = "crypto", Token = "token decode (Base45, COSE, CBOR)", Lookup = "lookup", Journal = "journal",
        Database = "database driver (unattributed)", Framework = "framework", Background = "thread pool spinning, timers, other threads",
        Harness = "harness";

    private const string SampleProfiler = "Microsoft-DotNETCore-SampleProfiler";

    /// <summary>The buckets in print order; the harness (wrk's driver, this profiler's own reading) is left out of the shares.</summary>
    private static readonly string[] Order = [Crypto, Token, Lookup, Journal, Database, Framework, Background];

    /// <summary>Starts sampling; dispose the result to stop it and keep the trace in <see cref="Session.Path"/>.</summary>
    public static Session Start(string path)
    {
        var providers = new[]
        {
            new EventPipeProvider(SampleProfiler, EventLevel.Informational),
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.NGen)),
        };
        var session = new DiagnosticsClient(Environment.ProcessId).StartEventPipeSession(providers, requestRundown: true);
        // A blocking copy on a thread of its own: its samples carry this class's frames and are left out as harness.
        return new Session(path, session, Task.Factory.StartNew(() => Copy(session, path), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default));
    }

    private static void Copy(EventPipeSession session, string path)
    {
        using var file = File.Create(path);
        session.EventStream.CopyTo(file);
    }

    /// <summary>A running EventPipe session whose stream is copied to a file until it is stopped.</summary>
    internal sealed class Session(string path, EventPipeSession session, Task copy) : IAsyncDisposable
    {
        public string Path => path;

        public async ValueTask DisposeAsync()
        {
            await session.StopAsync(CancellationToken.None);
            await copy;
            session.Dispose();
        }
    }

    /// <summary>Reads the trace and splits its running samples; <paramref name="round"/> is the load it was taken under.</summary>
    public static CpuProfileReport Analyze(string nettrace, LoadFigure round, double measuredMicrosPerVerify)
    {
        using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(nettrace));
        var buckets = Order.ToDictionary(b => b, _ => 0L);
        var leaves = new Dictionary<(string Method, string Bucket), long>();
        var perThread = new Dictionary<int, long>();
        long managed = 0, native = 0, blocked = 0, harness = 0;
        double first = double.MaxValue, last = 0;
        foreach (var sample in log.Events)
        {
            if (sample.ProviderName != SampleProfiler)
            {
                continue;
            }

            first = Math.Min(first, sample.TimeStampRelativeMSec);
            last = Math.Max(last, sample.TimeStampRelativeMSec);
            perThread[sample.ThreadID] = perThread.GetValueOrDefault(sample.ThreadID) + 1;
            var frames = Frames(sample.CallStack());
            // The sample's Type: 2 when the thread was in managed code, 1 when outside it: in a native call (OpenSSL, SQLite, a
            // socket send, often inlined into its managed caller) or blocked in a wait, told apart by the frame it is in.
            var type = Convert.ToInt32(sample.PayloadByName("Type"), CultureInfo.InvariantCulture);
            var running = type == 2;
            if (!running && (type != 1 || Waits(frames)))
            {
                blocked++;
                continue;
            }

            var bucket = Classify(frames);
            if (bucket == Harness)
            {
                harness++;
                continue;
            }

            (running ? ref managed : ref native)++;
            buckets[bucket]++;
            var leaf = (Leaf(frames), bucket);
            leaves[leaf] = leaves.GetValueOrDefault(leaf) + 1;
        }

        // Every thread is sampled at each tick, so the thread seen throughout has one sample per tick.
        var counted = managed + native;
        var intervalMs = perThread.Count == 0 ? 0 : (last - first) / perThread.Values.Max();
        var requests = Math.Max(1, round.Requests);
        double Share(long n) => counted == 0 ? 0 : (double)n / counted;
        return new CpuProfileReport(round, measuredMicrosPerVerify, intervalMs, managed, native, blocked, harness,
            counted * intervalMs * 1000 / requests,
            [.. Order.Select(b => new CpuBucket(b, buckets[b], Share(buckets[b]), Share(buckets[b]) * measuredMicrosPerVerify,
                buckets[b] * intervalMs * 1000 / requests))],
            [.. leaves.Where(m => m.Key.Bucket != Crypto).OrderByDescending(m => m.Value).Take(12)
                .Select(m => new CpuMethod(m.Key.Method, m.Key.Bucket, m.Value, Share(m.Value)))]);
    }

    /// <summary>Method names from the leaf to the root.</summary>
    private static List<string> Frames(TraceCallStack? stack)
    {
        var frames = new List<string>();
        for (; stack is not null; stack = stack.Caller)
        {
            var name = stack.CodeAddress.FullMethodName;
            frames.Add(string.IsNullOrEmpty(name) ? $"{stack.CodeAddress.ModuleName}!?" : name);
        }

        return frames;
    }

    /// <summary>
    /// The method a sample is charged to: its leaf, past the runtime's GC poll (where the sampler's own suspension stops a
    /// running thread) and past unnamed frames (P/Invoke stubs), so a native call counts as the method that made it.
    /// </summary>
    private static string Leaf(List<string> frames)
    {
        var named = frames.Where(f => !f.Contains("!?", StringComparison.Ordinal) && !f.Contains("PollGCWorker", StringComparison.Ordinal))
            .Select(f => f.IndexOf('(', StringComparison.Ordinal) is > 0 and var arguments ? f[..arguments] : f).ToList();
        string[] locks = ["System.Threading.Monitor.", "System.Threading.Lock."];
        return named.Count == 0 ? frames.FirstOrDefault() ?? "?"
            // A contended lock is charged to whoever takes it.
            : Starts(named[0], locks) && named.FirstOrDefault(f => !Starts(f, locks)) is { } taker ? $"{named[0]} ← {taker}"
            : named[0];
    }

    /// <summary>
    /// Whether a thread outside managed code was blocked rather than computing in a native call: its leaf is a wait (a
    /// semaphore, monitor, event or timer; epoll in the socket engine; a blocking read of a pipe or inotify).
    /// </summary>
    private static bool Waits(List<string> frames)
    {
        var leaf = Leaf(frames);
        return BlockingCalls.Any(w => leaf.Contains(w, StringComparison.Ordinal));
    }

    private static readonly string[] BlockingCalls =
        ["Wait", "Sleep", "PollGC", "Join", "Enter_Slowpath", "TryEnterSlow", "WorkerThreadStart", "SocketAsyncEngine.EventLoop", "Interop+Sys.Read"];

    private static string Classify(List<string> frames)
    {
        foreach (var frame in frames)
        {
            if (Starts(frame, "System.Security.Cryptography.", "Interop+Crypto.", "Interop+OpenSsl.", "Eps.Core.Tokens.EcdsaKeyMaterial",
                "Eps.Core.Tokens.HmacKeyMaterial", "Eps.Core.Tokens.KeyMaterial"))
            {
                return Crypto;
            }

            if (Starts(frame, "Eps.Core.Tokens."))
            {
                return Token;
            }

            if (Starts(frame, "Eps.Core.Dispensing.CounterPrescriptions", "Eps.Core.Data.Sqlite.SqliteCounterPrescriptionReader"))
            {
                return Lookup;
            }

            if (Starts(frame, "Eps.Core.Dispensing.VerificationJournal", "Eps.Core.Data.Sqlite.SqliteJournalWriter", "Eps.Core.Audit."))
            {
                return Journal;
            }

            if (Starts(frame, "Microsoft.Diagnostics.", "Eps.Benchmarks.", "System.Diagnostics.Process", "System.Diagnostics.Tracing."))
            {
                return Harness;
            }
        }

        // An async continuation resumed by the database driver's I/O has lost its caller's frames.
        return frames.Any(f => Starts(f, "Npgsql.", "Microsoft.EntityFrameworkCore.", "Microsoft.Data.Sqlite.", "SQLitePCL."))
            ? Database
            : frames.Any(f => Starts(f, "Microsoft.AspNetCore.", "System.Net.Sockets.", "System.IO.Pipelines.")) ? Framework : Background;
    }

    private static bool Starts(string frame, params string[] prefixes) => prefixes.Any(p => frame.StartsWith(p, StringComparison.Ordinal));
}
