using Eps.Core.Administration;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Eps.Web.Hosting;

/// <summary>
/// Operator commands run instead of the web server: <c>dotnet run --project Eps.Web -- verify-audit</c> and
/// <c>-- create-admin --email admin@example.org --name "Full Name"</c>.
/// </summary>
internal static class CommandLine
{
    /// <summary>Exit code of a command given bad input (a missing or malformed option).</summary>
    public const int BadInput = 2;

    private static readonly string[] Commands = ["verify-audit", "create-admin"];

    /// <summary>Runs a command named in <paramref name="args"/>; returns its exit code, or null to start the server.</summary>
    public static async Task<int?> RunCommandAsync(this WebApplication app, string[] args) =>
        args.Length == 0 || !Commands.Contains(args[0])
            ? null
            : await RunAsync(app.Services, args, Console.Out, Console.Error);

    /// <summary>Runs the command in <paramref name="args"/> on the app's services, writing to the given streams.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        // No server and no hosted services: bring the schema up to date first.
        await using (var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        return args[0] switch
        {
            "create-admin" => await CreateAdminAsync(services, args[1..], output, error),
            _ => await VerifyAuditAsync(services, output),
        };
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services, TextWriter output)
    {
        var report = await services.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        await output.WriteLineAsync(report.Intact ? $"OK: {report.Message}" : $"BROKEN: {report.Message}");
        return report.Intact ? 0 : 1;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (Options(args, ["email", "name"]) is not { } options)
        {
            await error.WriteLineAsync("Usage: create-admin --email <address> [--name \"Full Name\"] (the name is required for a new account).");
            return BadInput;
        }

        // On an empty database the roles do not exist yet: they come with the reference data the server seeds at start.
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().SeedReferenceDataAsync(CancellationToken.None);
        }

        var setup = await services.GetRequiredService<StaffInvitations>().CreateAdminAsync(
            options.GetValueOrDefault("email"), options.GetValueOrDefault("name"), CancellationToken.None);
        if (!setup.Succeeded)
        {
            await error.WriteLineAsync($"create-admin: {setup.Message}");
            return BadInput;
        }

        await output.WriteLineAsync(setup.Message);
        await output.WriteLineAsync("Open this one-time link to set the password (it expires in 24 hours; run the command again for a new one):");
        await output.WriteLineAsync(setup.SetPasswordLink);
        return 0;
    }

    /// <summary>"--key value" and "--key=value" pairs of the allowed keys, or null for anything else.</summary>
    private static Dictionary<string, string>? Options(string[] args, string[] allowed)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var (key, value) = args[i].IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                ? (args[i][2..eq], args[i][(eq + 1)..])
                : (args[i][2..], i + 1 < args.Length ? args[++i] : null);
            if (!allowed.Contains(key) || value is null || !options.TryAdd(key, value))
            {
                return null;
            }
        }

        return options;
    }
}
