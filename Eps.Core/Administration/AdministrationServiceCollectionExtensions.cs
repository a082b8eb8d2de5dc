using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Administration;

/// <summary>Registers administration: signing key rotation.</summary>
public static class AdministrationServiceCollectionExtensions
{
    public static IServiceCollection AddEpsAdministration(this IServiceCollection services)
    {
        services.AddSingleton<KeyAdministration>();
        return services;
    }
}
