using System.Security.Claims;
using Eps.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Eps.Web.Features.Accounts;

/// <summary>The signed-in user of this circuit or request as an <see cref="Actor"/>; loaded once per scope.</summary>
internal sealed class CurrentActor(AuthenticationStateProvider authentication, ActorDirectory actors)
{
    private Actor? _actor;

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
