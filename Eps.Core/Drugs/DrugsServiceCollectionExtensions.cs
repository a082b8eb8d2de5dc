using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Drugs;

/// <summary>Registers the drug catalogue and its administration (edits, CSV import and export).</summary>
public static class DrugsServiceCollectionExtensions
{
    public static IServiceCollection AddEpsDrugs(this IServiceCollection services)
    {
        services.AddSingleton<Catalogue>();
        services.AddSingleton<CatalogueAdministration>();
        services.AddSingleton<CatalogueTransfer>();
        return services;
    }
}
