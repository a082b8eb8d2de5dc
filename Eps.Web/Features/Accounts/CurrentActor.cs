using System.Security.Claims;
using Eps.Core.Accounts;
using Eps.Core.Dispensing;
using Microsoft.AspNetCore.Components.Authorization;

namespace Eps.Web.Features.Accounts;

/// <summary>
/// The signed-in user of this circuit or request as an <see cref="Actor"/>, loaded once per scope, and the
/// <see cref="RequestOrigin"/> that the verification journal records for them: user, pharmacy and the client IP of the
/// circuit's connection (read once; interactive components have no request of their own).
/// </summary>
internal sealed class CurrentActor(AuthenticationStateProvider authentication, ActorDirectory actors, IHttpContextAccessor http)
{
    private readonly string? _ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
    private Actor? _actor;

    /// <summary>Where <paramref name="actor"/>'s verifications and dispenses come from, for the journal.</summary>
    public RequestOrigin OriginOf(Actor actor) => new(_ip, actor.UserId, actor.IsPharmacist ? actor.PharmacyId : null);

    /// <summary>The actor, or null when nobody is signed in or the account no longer exists.</summary>
    public async Task<Actor?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_actor is not null)
        {
            return _actor;
        }

        var state = await authentication.GetAuthenticationStateAsync();
        var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        _actor = userId is null ? null : await actors.FindAsync(userId, cancellationToken);
        return _actor;
    }
}
