using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Accounts;

/// <summary>Registers accounts: who an authenticated user is (their actor) and patient registration.</summary>
public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddEpsAccounts(this IServiceCollection services)
    {
        services.AddSingleton<ActorDirectory>();
        services.AddSingleton<PatientRegistration>();
        return services;
    }
}
