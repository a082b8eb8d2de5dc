using Eps.Core.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Eps.Core.Data;

/// <summary>Applies migrations and seeds before the app starts serving.</summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IOptions<DatabaseOptions> options, IHostEnvironment environment)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EpsDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        await seeder.SeedReferenceDataAsync(cancellationToken);
        if (options.Value.SeedDemoData && environment.IsDevelopment())
        {
            await seeder.SeedDemoDataAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
