using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Accounts;

/// <summary>Registers accounts: who an authenticated user is (their actor), patient registration and account closure.</summary>
public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddEpsAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateOnStart();
        services.AddSingleton<ActorDirectory>();
        services.AddSingleton<PatientRegistration>();
        services.AddSingleton<AccountClosure>();
        services.AddSingleton<PatientContact>();
        return services;
    }
}
