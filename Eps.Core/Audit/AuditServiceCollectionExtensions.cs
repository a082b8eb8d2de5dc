using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Audit;

/// <summary>Registers the audit trail, its checker and the daily checkpoints.</summary>
public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddEpsAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditCheckpoints>();
        return services;
    }
}
