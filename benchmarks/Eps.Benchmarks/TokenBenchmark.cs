using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Eps.Core.Tokens;

namespace Eps.Benchmarks;

/// <summary>What the tokens command measured: operations per second by name, and each token's size and QR version.</summary>
internal sealed record TokenReport(string Machine, Dictionary<string, double> OpsPerSecond, List<TokenSize> Sizes);

internal sealed record TokenSize(string Algorithm, string Claims, int Characters, int QrVersion);

/// <summary>Single-thread throughput of token signing and full reads, plus token sizes and QR versions.</summary>
internal static class TokenBenchmark
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(2);

    private static readonly TokenClaims Typical = new(
        "PHB-RX-00000123", Guid.Parse("550e8400-e29b-41d4-a716-446655440000"), "1234567890",
        "Amoxicillin 500mg capsule", 21, DateTimeOffset.UnixEpoch.AddYears(57), "PHB-PH-001234");

    private static readonly TokenClaims WorstCase = new(
        "PHB-RX-99999999", Guid.Parse("ffffffff-ffff-4fff-bfff-ffffffffffff"), "9999999999",
        "Co-amoxiclav (amoxicillin/clavulanic acid) 875 mg/125 mg tablets", 9999, DateTimeOffset.UnixEpoch.AddYears(57), "PHB-PH-999999");

    public static TokenReport Run(TextWriter output)
    {
        var report = new TokenReport(Reporting.Artifacts.Machine, [], []);
        output.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores visible, single thread, {Measure.TotalSeconds:0} s per row");
        output.WriteLine();
        output.WriteLine("| operation | ops/s | µs/op |");
        output.WriteLine("|---|---:|---:|");
        var sizes = new List<string>();
        foreach (var algorithm in new[] { SigningAlgorithm.ES256, SigningAlgorithm.HS256 })
        {
            using var ring = new KeyRing(new InMemoryKeyRingStore(), TimeProvider.System, algorithm);
            var codec = new PrescriptionTokenCodec(ring);
            var token = codec.Issue(Typical);
            if (codec.Read(token).Status != TokenStatus.Valid)
            {
                throw new InvalidOperationException("The benchmark token does not verify.");
            }

            report.OpsPerSecond[$"{algorithm} sign"] = Row(output, $"{algorithm} sign (Issue)", () => codec.Issue(Typical).Length);
            report.OpsPerSecond[$"{algorithm} verify"] = Row(output, $"{algorithm} verify (full Read)", () => (int)codec.Read(token).Status);
            if (algorithm == SigningAlgorithm.ES256)
            {
                report.OpsPerSecond["ECDsa.VerifyData baseline"] = Baseline(output, ring.Active, token);
            }

            foreach (var (name, claims) in new[] { ("typical", Typical), ("worst case", WorstCase) })
            {
                var issued = codec.Issue(claims);
                sizes.Add($"| {algorithm} | {name} | {issued.Length} | {TokenQr.VersionOf(issued)} |");
                report.Sizes.Add(new TokenSize(algorithm.ToString(), name, issued.Length, TokenQr.VersionOf(issued)));
            }
        }

        output.WriteLine();
        output.WriteLine("| algorithm | claims | token chars | QR version (ECC M) |");
        output.WriteLine("|---|---|---:|---:|");
        sizes.ForEach(output.WriteLine);
        return report;
    }

    // The bare platform call on the same bytes: the gap to the full Read is what the codec itself costs.
    private static double Baseline(TextWriter output, SigningKey key, string token)
    {
        var message = CoseEnvelope.TryParse(Base45.Decode(token.AsSpan(PrescriptionTokenCodec.Prefix.Length)), out _)!;
        var toBeSigned = message.ToBeSigned();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(key.Record.PrivateKey), out _);
        return Row(output, "  baseline: bare ECDsa.VerifyData, key reused", () =>
            ecdsa.VerifyData(toBeSigned, message.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? 1 : 0);
    }

    private static double Row(TextWriter output, string name, Func<int> operation)
    {
        Loop(operation, WarmUp);
        var (count, elapsed) = Loop(operation, Measure);
        var perSecond = count / elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {perSecond:N0} | {1e6 / perSecond:0.0} |"));
        return perSecond;
    }

    private static (long Count, TimeSpan Elapsed) Loop(Func<int> operation, TimeSpan duration)
    {
        var sink = 0;
        long count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            // Batches keep the clock reads out of the measurement.
            for (var i = 0; i < 64; i++)
            {
                sink += operation();
            }

            count += 64;
        }

        GC.KeepAlive(sink);
        return (count, watch.Elapsed);
    }
}
