using Eps.Benchmarks.Circuits;
using Eps.Benchmarks.Databases;
using Eps.Benchmarks.Faults;
using Eps.Benchmarks.Notifications;
using Eps.Benchmarks.Queue;
using Eps.Benchmarks.Reporting;
using Eps.Benchmarks.ScaleOut;
using Eps.Benchmarks.Spike;
using Eps.Benchmarks.Throughput;

namespace Eps.Benchmarks;

/// <summary>
/// Command dispatch. A named class rather than top-level statements: those would declare a second global
/// <c>Program</c> and hide Eps.Web's, which <c>WebApplicationFactory&lt;Program&gt;</c> needs.
/// </summary>
internal static class BenchmarkCommands
{
    private const string Usage = """
        usage: dotnet run -c Release --project benchmarks/Eps.Benchmarks -- all        (every benchmark below, then the summary)
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- summary    (the summary of the last saved figures)
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- tokens
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- queue [--database sqlite|postgres] [--total 1000000] [--pending 10000] [--approvals 60] [--calls 50]
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- verify [--database sqlite|postgres] [--connections 32] [--threads 2] [--seconds 10] [--tokens 200] [--rounds 5] [--profile]
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- spike [--database sqlite|postgres] [--patients 5000] [--burst 100]
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- mail [--database sqlite|postgres] [--messages 5000]
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- notifications [--patients 5000] [--prescriptions 1500]
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- faults [--rounds 5] [--seed N]
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- circuits [--circuits 50] [--approvals 30]
               dotnet run -c Release --project benchmarks/Eps.Benchmarks -- scaleout [--circuits 20] [--approvals 20] [--connections 32] [--threads 2] [--seconds 8] [--tokens 100] [--rounds 3]
        """;

    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "all":
                return await Suite.RunAsync(Console.Out, Console.Error);
            case "summary":
                return await Suite.SummarizeAsync([], TimeSpan.Zero, Console.Out);
            case "tokens":
                Console.WriteLine($"Figures saved to {Artifacts.Save("tokens", TokenBenchmark.Run(Console.Out))}");
                return 0;
            case "queue" when BenchEngines.TryTake(args.AsSpan(1), out var engine, out var rest) && QueueOptions.TryParse(rest, out var options):
                await QueueBenchmark.RunAsync(options, engine, Console.Out, Console.Error);
                return 0;
            case "verify" when BenchEngines.TryTake(args.AsSpan(1), out var engine, out var rest) && VerifyOptions.TryParse(rest, out var verify):
                var report = await VerifyBenchmark.RunAsync(verify, engine, Console.Error);
                VerifyReportWriter.Print(report, Console.Out);
                Console.WriteLine($"Figures saved to {Artifacts.Save($"verify-{engine.Name()}", report)}");
                return report.InvariantsHeld ? 0 : 1;
            case "spike" when BenchEngines.TryTake(args.AsSpan(1), out var engine, out var rest) && SpikeOptions.TryParse(rest, out var spike):
                var spiked = await SpikeBenchmark.RunAsync(spike, engine, Console.Error);
                SpikeBenchmark.Print(spiked, Console.Out);
                Console.WriteLine($"Figures saved to {Artifacts.Save($"spike-{engine.Name()}", spiked)}");
                return spiked.Submit.Errors + spiked.Approve.Errors == 0 && spiked.ChainIntact ? 0 : 1;
            case "mail" when BenchEngines.TryTake(args.AsSpan(1), out var engine, out var rest) && MailOptionsArgs.TryParse(rest, out var backlog):
                var drained = await MailBenchmark.RunAsync(backlog, engine, Console.Error);
                MailBenchmark.Print(drained, Console.Out);
                Console.WriteLine($"Figures saved to {Artifacts.Save($"mail-{engine.Name()}", drained)}");
                return MailBenchmark.Held(drained) ? 0 : 1;
            case "notifications" when NotificationsBenchmark.TryParse(args.AsSpan(1), out var scale):
                await NotificationsBenchmark.RunAsync(scale, Console.Out);
                return 0;
            case "faults" when FaultsBenchmark.TryParse(args.AsSpan(1), out var faults):
                return await FaultsBenchmark.RunAsync(faults, Console.Out, Console.Error);
            case FaultWorker.Command:
                return await FaultWorker.RunAsync(args[1..]);
            case "circuits" when CircuitsOptions.TryParse(args.AsSpan(1), out var circuits):
                await CircuitsBenchmark.RunAsync(circuits, Console.Out, Console.Error);
                return 0;
            case "scaleout" when ScaleOutOptions.TryParse(args.AsSpan(1), out var scaleOut):
                var scaled = await ScaleOutBenchmark.RunAsync(scaleOut, Console.Error);
                ScaleOutBenchmark.Print(scaled, Console.Out);
                Console.WriteLine($"Figures saved to {Artifacts.Save("scaleout", scaled)}");
                return scaled.Split.Reached == scaleOut.Approvals && scaled.AOnly.Reached == scaleOut.Approvals && scaled.Verify.Non2xx == 0 ? 0 : 1;
            case LightClientsCommand.Name when LightClientsOptions.TryParse(args.AsSpan(1), out var clients):
                return await LightClientsCommand.RunAsync(clients);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
