using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Pharmacies;

/// <summary>Registers the pharmacy directory.</summary>
public static class PharmaciesServiceCollectionExtensions
{
    public static IServiceCollection AddEpsPharmacies(this IServiceCollection services)
    {
        services.AddSingleton<PharmacyDirectory>();
        return services;
    }
}
