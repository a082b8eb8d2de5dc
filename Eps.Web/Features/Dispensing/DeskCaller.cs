using Eps.Core.Accounts;
using Eps.Core.Dispensing;

namespace Eps.Web.Features.Dispensing;

/// <summary>
/// The audit identity of a pharmacist working in a circuit: user, pharmacy and the client IP of the circuit's
/// connection (read once; interactive components have no request of their own).
/// </summary>
internal sealed class DeskCaller(IHttpContextAccessor http)
{
    private readonly string? _ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public Caller For(Actor actor) => new(_ip, actor.UserId, actor.IsPharmacist ? actor.PharmacyId : null);
}
