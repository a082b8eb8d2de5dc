using Eps.Core.Accounts;
using Eps.Web.Components.Account;
using Eps.Web.Features.Notifications;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Eps.Web.Features.Accounts;

/// <summary>Identity for the account pages: cookies, password and lockout rules, and email confirmation from <see cref="AccountOptions"/>.</summary>
internal static class AccountsWebServiceCollectionExtensions
{
    public static IServiceCollection AddEpsIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AccountEmails>();
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

        // The pages and the recovery rule (AccountRecovery) read this one setting through IdentityOptions.
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accounts) =>
            identity.SignIn.RequireConfirmedAccount = accounts.Value.RequireConfirmedEmail);

        services.AddSingleton<IEmailSender<EpsUser>, OutboxIdentityEmailSender>();
        return services;
    }
}
