using Eps.Core.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Oversight;

/// <summary>Registers the security monitor, its live feed and the daily incident reports.</summary>
public static class OversightServiceCollectionExtensions
{
    public static IServiceCollection AddEpsOversight(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecurityFeed>();
        services.AddEventSink<SecurityEvent, SecurityFeed>("security");
        services.AddSingleton<SecurityMonitor>();
        services.AddSingleton<IncidentReports>();
        services.AddSingleton<SecurityQueries>();
        return services;
    }
}
