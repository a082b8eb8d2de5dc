using Eps.Core.Tokens;

namespace Eps.Web.Features.Tokens;

/// <summary>Publishes the public signing keys so anyone can check a token offline.</summary>
internal static class JwksEndpoints
{
    public static IEndpointRouteBuilder MapJwksEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", (KeyRing keys, HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=300";
                return TypedResults.Json(keys.GetPublicJwks());
            })
            .AllowAnonymous()
            .WithTags("Tokens");
        return app;
    }
}
