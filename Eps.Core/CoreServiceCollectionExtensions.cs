using Eps.Core.Accounts;
using Eps.Core.Administration;
using Eps.Core.Analytics;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Interop;
using Eps.Core.Notifications;
using Eps.Core.Oversight;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Core.Queue;
using Eps.Core.Reporting;
using Eps.Core.Storage;
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
        services.AddEpsReporting();
        services.AddEpsStorage();
        services.AddEpsData(configuration);
        services.AddEpsTokens();
        services.AddEpsAudit();
        services.AddEpsAccounts();
        services.AddEpsDrugs();
        services.AddEpsPharmacies();
        services.AddEpsPrescribing();
        services.AddEpsQueue(configuration);
        services.AddEpsDispensing();
        services.AddEpsNotifications();
        services.AddEpsOversight();
        services.AddEpsAnalytics();
        services.AddEpsAdministration();
        services.AddEpsInterop();
        return services;
    }
}
