using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Reporting;

/// <summary>Registers the service's clock and its configured time zone.</summary>
public static class ReportingServiceCollectionExtensions
{
    public static IServiceCollection AddEpsReporting(this IServiceCollection services)
    {
        services.AddOptions<LocaleOptions>().BindConfiguration(LocaleOptions.Section).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Locale:TimeZone is not a known time zone.")
            .ValidateOnStart();
        services.AddSingleton<LocalClock>();
        return services;
    }
}
