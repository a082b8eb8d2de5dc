using Eps.Core.Audit;
using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Dispensing;

/// <summary>Registers verification, dispensing, marking prescriptions ready and the controlled drugs register.</summary>
public static class DispensingServiceCollectionExtensions
{
    public static IServiceCollection AddEpsDispensing(this IServiceCollection services)
    {
        // The provider's fast paths, where it registered any (Data/Sqlite), else EF.
        services.AddSingleton(sp => new CounterPrescriptions(sp.GetService<ICounterPrescriptionReader>()));
        services.AddSingleton(sp => new VerificationJournal(sp.GetRequiredService<IDbContextFactory<EpsDbContext>>(),
            sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<ILogger<VerificationJournal>>(), sp.GetService<IJournalWriter>()));
        services.AddSingleton<VerificationService>();
        services.AddSingleton<DispenseService>();
        services.AddSingleton<ReadyForCollection>();
        services.AddSingleton<VerificationLog>();
        services.AddSingleton<ControlledRegister>();
        return services;
    }
}
