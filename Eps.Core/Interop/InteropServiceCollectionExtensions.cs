using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Interop;

/// <summary>Registers the read-only FHIR R4 export.</summary>
public static class InteropServiceCollectionExtensions
{
    public static IServiceCollection AddEpsInterop(this IServiceCollection services) => services.AddSingleton<FhirExport>();
}
