using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Data;

/// <summary>Hands out the provider's context as <see cref="EpsDbContext"/>, so callers never name a provider.</summary>
internal sealed class EpsDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<EpsDbContext>
    where TContext : EpsDbContext
{
    public EpsDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<EpsDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
