using System.Text.Json;
using Eps.Core.Accounts;
using Eps.Web.Components.Account;
using Eps.Web.Features.Accounts;
using Eps.Web.Features.Dispensing;
using Eps.Web.Features.Notifications;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
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
        services.AddEpsRateLimits(builder.Configuration);
        services.AddEpsOpenApi();
        services.AddEpsJobs(builder.Configuration);
        services.AddScoped<HttpActorResolver>();
        services.AddScoped<CurrentActor>();
        services.AddHttpContextAccessor();
        return builder;
    }

    private static void AddEpsIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        // Pages read the sign-in cookie; /api requests may instead carry a bearer token or a pharmacy's API key.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = ApiAuthentication.Selector;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddEpsApiSchemes()
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(ApiCookieEvents.Configure);

        services.AddIdentityCore<EpsUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.Stores.SchemaVersion = Core.Data.EpsDbContext.IdentitySchema;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<Core.Data.EpsDbContext>()
            .AddSignInManager<EpsSignInManager>()
            .AddDefaultTokenProviders();

        services.AddSingleton<IEmailSender<EpsUser>, OutboxIdentityEmailSender>();
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
