using System.Security.Claims;
using Eps.Core.Accounts;
using Eps.Core.Dispensing;

namespace Eps.Web.Features.Dispensing;

/// <summary>Turns the HTTP caller into the <see cref="Caller"/> recorded on audit rows.</summary>
internal sealed class CallerResolver(ActorDirectory actors)
{
    public async Task<(Caller Caller, Actor? Actor)> ResolveAsync(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return (new Caller(ip), null);
        }

        var actor = await actors.FindAsync(userId, context.RequestAborted);
        return (new Caller(ip, userId, actor?.IsPharmacist == true ? actor.PharmacyId : null), actor);
    }
}
