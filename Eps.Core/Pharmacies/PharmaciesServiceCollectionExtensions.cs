using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Pharmacies;

/// <summary>Registers the pharmacy directory and its administration.</summary>
public static class PharmaciesServiceCollectionExtensions
{
    public static IServiceCollection AddEpsPharmacies(this IServiceCollection services)
    {
        services.AddSingleton<PharmacyDirectory>();
        services.AddSingleton<PharmacyAdministration>();
        return services;
    }
}
