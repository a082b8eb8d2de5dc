using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Drugs;

/// <summary>Registers the drug catalogue.</summary>
public static class DrugsServiceCollectionExtensions
{
    public static IServiceCollection AddEpsDrugs(this IServiceCollection services)
    {
        services.AddSingleton<Catalogue>();
        return services;
    }
}
