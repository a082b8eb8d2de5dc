using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Administration;

/// <summary>Registers administration: signing key rotation and staff accounts.</summary>
public static class AdministrationServiceCollectionExtensions
{
    public static IServiceCollection AddEpsAdministration(this IServiceCollection services)
    {
        services.AddSingleton<KeyAdministration>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<StaffAdministration>();
        services.AddSingleton<StaffInvitations>();
        return services;
    }
}
