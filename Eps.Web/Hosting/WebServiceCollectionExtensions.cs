using System.Text.Json;
using Eps.Core.Accounts;
using Eps.Web.Features.Accounts;
using Eps.Web.Features.Dispensing;
using Eps.Web.Features.Notifications;
using MudBlazor.Services;

namespace Eps.Web.Hosting;

/// <summary>Registers the web layer: Blazor, MudBlazor, Identity, API conventions and rate limits.</summary>
internal static class WebServiceCollectionExtensions
{
    public static WebApplicationBuilder AddEpsWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddEpsDataProtection(builder.Configuration);

        services.AddEpsIdentity();
        services.AddEpsAuthorization();

        services.AddProblemDetails();
        // A form or query that does not bind is a plain 400 in every environment, never the developer exception page.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        services.AddEpsForwardedHeaders(builder.Configuration);
        services.AddEpsRateLimits(builder.Configuration);
        services.AddEpsOpenApi();
        services.AddEpsJobs(builder.Configuration);
        services.AddScoped<HttpActorResolver>();
        services.AddScoped<CurrentActor>();
        services.AddHttpContextAccessor();
        return builder;
    }

    private static void AddEpsAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            // "Signed in" means a person: a pharmacy system's key only reaches the counter endpoints.
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser()
                .RequireAssertion(c => !c.User.IsPharmacySystem()).Build())
            .AddPolicy(Policies.Patient, p => p.RequireRole(Roles.Patient))
            .AddPolicy(Policies.Pharmacist, p => p.RequireRole(Roles.Pharmacist))
            .AddPolicy(Policies.Doctor, p => p.RequireRole(Roles.Doctor))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.RegisterReader, p => p.RequireRole(Roles.Pharmacist, Roles.Admin))
            .AddPolicy(Policies.Counter, p => p.RequireRole(ApiAuthentication.CounterRoles));
}
