using System.Globalization;
using System.Security.Claims;
using Eps.Core.Accounts;
using Eps.Core.Dispensing;

namespace Eps.Web.Features.Accounts;

/// <summary>The actor of an HTTP API request, and the <see cref="RequestOrigin"/> its verification and dispense rows record.</summary>
internal sealed class HttpActorResolver(ActorDirectory actors)
{
    public async Task<(RequestOrigin Origin, Actor? Actor)> ResolveAsync(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return (new RequestOrigin(ip), null);
        }

        if (context.User.IsPharmacySystem())
        {
            // A pharmacy system acts as a pharmacist of its one pharmacy; its endpoints are limited by policy.
            var pharmacyId = int.Parse(context.User.FindFirstValue(ApiAuthentication.PharmacyClaim)!, CultureInfo.InvariantCulture);
            var system = new Actor(userId, context.User.Identity?.Name ?? "Pharmacy system", new HashSet<string> { Roles.Pharmacist },
                null, null, pharmacyId);
            return (new RequestOrigin(ip, userId, pharmacyId), system);
        }

        var actor = await actors.FindAsync(userId, context.RequestAborted);
        return (new RequestOrigin(ip, userId, actor?.IsPharmacist == true ? actor.PharmacyId : null), actor);
    }
}
