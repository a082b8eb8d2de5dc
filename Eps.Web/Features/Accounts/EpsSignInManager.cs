using Eps.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Eps.Web.Features.Accounts;

/// <summary>Identity's sign-in manager, refusing the seeded demo accounts outside Development.</summary>
internal sealed class EpsSignInManager(
    UserManager<EpsUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<EpsUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<EpsUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<EpsUser> confirmation,
    IWebHostEnvironment environment)
    : SignInManager<EpsUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(EpsUser user)
    {
        if (user.IsDemo && !environment.IsDevelopment())
        {
            Logger.LogWarning("Refused a demo account sign-in outside Development");
            return false;
        }

        return await base.CanSignInAsync(user);
    }
}
