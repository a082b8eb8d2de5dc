using Eps.Core.Audit;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Web.Hosting;

/// <summary>Operator commands run instead of the web server: <c>dotnet run --project Eps.Web -- verify-audit</c>.</summary>
internal static class CommandLine
{
    /// <summary>Runs a command named in <paramref name="args"/>; returns its exit code, or null to start the server.</summary>
    public static async Task<int?> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "verify-audit")
        {
            return null;
        }

        // No server and no hosted services: bring the schema up to date, then only read.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        var report = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync(report.Intact ? $"OK: {report.Message}" : $"BROKEN: {report.Message}");
        return report.Intact ? 0 : 1;
    }
}
