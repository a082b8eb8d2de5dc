using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Analytics;

/// <summary>Registers the analytics reports.</summary>
public static class AnalyticsServiceCollectionExtensions
{
    public static IServiceCollection AddEpsAnalytics(this IServiceCollection services)
    {
        services.AddSingleton<AnalyticsService>();
        return services;
    }
}
