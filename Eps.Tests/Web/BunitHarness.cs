using System.Security.Claims;
using Bunit;
using Eps.Core.Accounts;
using Eps.Core.Prescribing;
using Eps.Core.Reporting;
using Eps.Tests.Infrastructure;
using Eps.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Eps.Tests.Web;

/// <summary>
/// A bUnit context on a running app's real core services (its SQLite file, key ring and clock), signed in as one of
/// its users. Only authentication is bUnit's: the claims the app's cookie would carry for that user.
/// </summary>
internal static class BunitHarness
{
    public static async Task<BunitContext> SignedInAsync(EpsApp app, string email)
    {
        string userId;
        string[] roles;
        await using (var db = await app.NewDbAsync())
        {
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            roles = await db.UserRoles.Where(r => r.UserId == userId)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToArrayAsync();
        }

        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();

        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetRoles(roles); // before SetClaims: in bUnit 2.15 SetRoles drops claims set earlier
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));

        // The app's singletons, so pages read the same database; CurrentActor is per circuit, as in the app.
        // Registered one by one: a fallback to the app's provider would also hand the renderer the app's own
        // scoped component services from the root scope.
        ctx.Services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<LocalClock>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<ActorDirectory>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<Prescriptions>());
        ctx.Services.AddHttpContextAccessor();
        ctx.Services.AddScoped<CurrentActor>();
        return ctx;
    }

    /// <summary>Hands the page more of the app's singletons (core services), before the first render.</summary>
    public static BunitContext WithAppServices(this BunitContext ctx, EpsApp app, params Type[] services)
    {
        foreach (var service in services)
        {
            ctx.Services.AddSingleton(service, app.Services.GetRequiredService(service));
        }

        return ctx;
    }

    /// <summary>A seeded user as the core sees them, for setting the scene through the real services.</summary>
    public static async Task<Actor> ActorAsync(EpsApp app, string email)
    {
        await using var db = await app.NewDbAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await app.Services.GetRequiredService<ActorDirectory>().FindAsync(userId, CancellationToken.None)
            ?? throw new InvalidOperationException($"No actor for {email}.");
    }
}
