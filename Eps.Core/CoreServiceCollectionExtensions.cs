using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Data.Seed;
using Eps.Core.Dispensing;
using Eps.Core.Notifications;
using Eps.Core.Oversight;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Core.Storage;
using Eps.Core.Administration;
using Eps.Core.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Eps.Core;

/// <summary>Composition root of the core: each feature registers its own services.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddEpsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEpsStorage();
        services.AddEpsData(configuration);
        services.AddEpsTokens();
        services.AddEpsQueue();
        services.AddEpsNotifications();
        services.AddEpsAudit();
        services.AddEpsOversight();

        services.AddScoped<DatabaseSeeder>();
        services.AddHostedService<DatabaseInitializer>();

        services.AddSingleton<ActorDirectory>();
        services.AddSingleton<KeyAdministration>();
        services.AddSingleton<Drugs.Catalogue>();
        services.AddSingleton<Pharmacies.PharmacyDirectory>();
        services.AddSingleton<PrescriptionIssuer>();
        services.AddSingleton<PatientRequests>();
        services.AddSingleton<Triage>();
        services.AddSingleton<ControlledSigning>();
        services.AddSingleton<Approvals>();
        services.AddSingleton<Reviews>();
        services.AddSingleton<Prescriptions>();
        services.AddSingleton<PatientRegistration>();
        services.AddEpsDispensing();
        services.AddSingleton<Analytics.AnalyticsService>();
        return services;
    }
}
