using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Eps.Benchmarks.Reporting;
using Npgsql;

namespace Eps.Benchmarks.Databases;

/// <summary>
/// A private PostgreSQL cluster for one benchmark command, started with <c>deploy/postgres.sh start</c> in a folder of
/// its own (free loopback port, trust authentication, synchronous_commit=off as the script sets it) and stopped with
/// <c>deploy/postgres.sh stop</c>, which also deletes the folder. It is stopped when the command ends, when it fails, on
/// SIGTERM and on Ctrl+C. Ctrl+C also ends the command: the hosted app's console lifetime would otherwise take the signal
/// as a request to stop that app alone, and the benchmark would carry on.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _script;
    private readonly PosixSignalRegistration _interrupt;
    private int _stopped;

    private PostgresCluster(string script, string directory, string connectionString)
    {
        (_script, _directory) = (script, directory);
        Server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        AppDomain.CurrentDomain.ProcessExit += OnExit;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnInterrupt);
    }

    /// <summary>The server, connected to its maintenance database.</summary>
    public NpgsqlConnectionStringBuilder Server { get; }

    public string Version { get; private set; } = "";

    public static async Task<PostgresCluster> StartAsync(TextWriter progress)
    {
        var script = Path.Combine(Artifacts.RepositoryRoot, "deploy", "postgres.sh");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException("deploy/postgres.sh not found under the repository root", script);
        }

        var directory = Path.Combine(Path.GetTempPath(), "eps-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        progress.WriteLine($"postgres: starting a private cluster in {directory} ...");
        string output;
        try
        {
            output = await RunAsync(script, ["start", directory], progress);
        }
        catch
        {
            await RunAsync(script, ["stop", directory], progress);
            throw;
        }

        var connectionString = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var cluster = new PostgresCluster(script, directory, connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(cluster.Server.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT version()", connection);
            cluster.Version = (string)(await command.ExecuteScalarAsync())!;
            progress.WriteLine($"postgres: {cluster.Version.Split(" on ")[0]} at {cluster.Server.Host}:{cluster.Server.Port}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database; returns its connection string (pooled, as the app uses it).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(Server.ConnectionString))
        {
            await connection.OpenAsync();
#pragma warning disable CA2100 // The name is one of this benchmark's constants.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// CPU time used so far by the server's processes (the postmaster and its children: one backend per connection,
    /// the WAL writer, the checkpointer), read from <c>/proc</c>; a backend that has exited no longer counts.
    /// </summary>
    public TimeSpan ServerCpu()
    {
        var pidFile = Path.Combine(_directory, "data", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return TimeSpan.Zero;
        }

        var ticks = 0L;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // pid (comm) state ppid ... utime stime: fields 4, 14 and 15, counted after the command name's closing parenthesis.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var pid = int.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            if (pid == postmaster || int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        // Linux reports these in USER_HZ, 100 per second.
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        _interrupt.Dispose();
        NpgsqlConnection.ClearAllPools();
        await RunAsync(_script, ["stop", _directory], TextWriter.Null);
    }

    private void OnExit(object? sender, EventArgs e) => StopNow();

    private void OnInterrupt(PosixSignalContext context)
    {
        StopNow();
        Environment.Exit(130);
    }

    /// <summary>The last resort when the process is ending without unwinding: stop the server synchronously.</summary>
    private void StopNow()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            RunAsync(_script, ["stop", _directory], TextWriter.Null).GetAwaiter().GetResult();
        }
    }

    /// <summary>Runs the script with bash; its standard error goes to <paramref name="progress"/>; returns its standard output.</summary>
    private static async Task<string> RunAsync(string script, string[] arguments, TextWriter progress)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var errors = await stderr;
        if (errors.Length > 0)
        {
            await progress.WriteAsync(errors);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/postgres.sh {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors}");
        }

        return await stdout;
    }
}
