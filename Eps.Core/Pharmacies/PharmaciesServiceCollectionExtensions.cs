using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Pharmacies;

/// <summary>Registers the pharmacy directory, its administration and the pharmacies' API keys.</summary>
public static class PharmaciesServiceCollectionExtensions
{
    public static IServiceCollection AddEpsPharmacies(this IServiceCollection services)
    {
        services.AddSingleton<PharmacyDirectory>();
        services.AddSingleton<PharmacyAdministration>();
        services.AddSingleton<PharmacyApiKeys>();
        return services;
    }
}
