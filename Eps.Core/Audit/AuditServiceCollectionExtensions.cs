using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Audit;

/// <summary>Registers the audit trail, its checker, the daily checkpoints and the admin's browser.</summary>
public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddEpsAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddSingleton<AuditBrowser>();
        return services;
    }
}
