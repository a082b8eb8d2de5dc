using System.Diagnostics;
using System.Globalization;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Faults;

/// <summary>What a worker process does after hosting the app.</summary>
internal enum WorkerMode
{
    /// <summary>Runs the workload until killed, or for <c>--seconds</c>, then optionally drains.</summary>
    Stream,

    /// <summary>Starts on the data a killed worker left, waits for the outbox to drain, checks the audit chain.</summary>
    Recover,

    /// <summary>Serves HTTP until "stop" arrives on stdin, then drains.</summary>
    Serve,
}

/// <summary>
/// <c>fault-worker stream|recover|serve --data PATH [--seconds N] [--drain] [--set Key=Value ...]</c>: the child process
/// the faults command starts, kills and restarts. It hosts the whole app on the given data folder and reports progress
/// on stdout, one line per acknowledged change, for the parent to compare with what the database holds afterwards.
/// </summary>
internal static class FaultWorker
{
    public const string Command = "fault-worker";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var mode, out var data, out var seconds, out var drain, out var settings))
        {
            await Console.Error.WriteLineAsync($"usage: {Command} stream|recover|serve --data PATH [--seconds N] [--drain] [--set Key=Value ...]");
            return 2;
        }

        var output = Console.Out;
        await using var host = new FaultHost(data, settings);
        var url = host.BaseUrl;
        if (mode == WorkerMode.Stream)
        {
            using var first = new PharmacistClient(url);
            using var second = new PharmacistClient(url);
            await first.SignInAsync();
            await second.SignInAsync();
            output.WriteLine($"ready {url}");
            using var stop = seconds is { } s ? new CancellationTokenSource(TimeSpan.FromSeconds(s)) : new CancellationTokenSource();
            using var workload = new Workload(host.Services, first, second, output);
            await workload.RunAsync(stop.Token);
            output.WriteLine("stream-done");
        }
        else
        {
            output.WriteLine($"ready {url}");
        }

        if (mode == WorkerMode.Serve)
        {
            while (await Console.In.ReadLineAsync() is { } line && line != "stop")
            {
            }
        }

        if (mode != WorkerMode.Stream || drain)
        {
            await DrainAsync(host.Services, output);
            var audit = await host.Services.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
            output.WriteLine($"audit {(audit.Intact ? "ok" : "broken")} {audit.Message}");
        }

        await host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        output.WriteLine("exit");
        return 0;
    }

    /// <summary>Waits until no outbox row is pending (the delivery job runs on its own schedule), up to three minutes.</summary>
    private static async Task DrainAsync(IServiceProvider services, TextWriter output)
    {
        var factory = services.GetRequiredService<IDbContextFactory<EpsDbContext>>();
        var watch = Stopwatch.StartNew();
        int pending;
        do
        {
            await Task.Delay(250);
            await using var db = await factory.CreateDbContextAsync();
            pending = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending);
        }
        while (pending > 0 && watch.Elapsed < TimeSpan.FromMinutes(3));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"drained {pending} {watch.Elapsed.TotalSeconds:F1}"));
    }

    private static bool TryParse(string[] args, out WorkerMode mode, out string data, out int? seconds, out bool drain,
        out Dictionary<string, string> settings)
    {
        (data, seconds, drain, settings) = ("", null, false, []);
        if (args.Length == 0 || !Enum.TryParse(args[0], ignoreCase: true, out mode))
        {
            mode = default;
            return false;
        }

        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data" when value is not null:
                    data = value;
                    i++;
                    break;
                case "--seconds" when int.TryParse(value, CultureInfo.InvariantCulture, out var s):
                    seconds = s;
                    i++;
                    break;
                case "--drain":
                    drain = true;
                    break;
                case "--set" when value?.Split('=', 2) is [var key, var setting]:
                    settings[key] = setting;
                    i++;
                    break;
                default:
                    return false;
            }
        }

        return data.Length > 0;
    }
}
