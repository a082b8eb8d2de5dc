using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Prescribing;

/// <summary>Registers prescribing: patients' requests, pharmacist triage, the doctor's review and approval (with controlled-drug signing), the prescriptions it issues and where patients collect them.</summary>
public static class PrescribingServiceCollectionExtensions
{
    public static IServiceCollection AddEpsPrescribing(this IServiceCollection services)
    {
        services.AddSingleton<PrescriptionIssuer>();
        services.AddSingleton<PatientRequests>();
        services.AddSingleton<RequestAgain>();
        services.AddSingleton<Triage>();
        services.AddSingleton<ControlledSigning>();
        services.AddSingleton<Approvals>();
        services.AddSingleton<Reviews>();
        services.AddSingleton<Prescriptions>();
        services.AddSingleton<PharmacyChoice>();
        services.AddSingleton<Nominations>();
        return services;
    }
}
