using Eps.Core.Pharmacies;
using Eps.Web.Features.Accounts;
using Eps.Web.Features.Prescribing;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Pharmacies;

/// <summary>The admin's API for pharmacies' API keys: list, issue (the key is in that one answer only) and revoke.</summary>
internal static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(Policies.Admin).DisableAntiforgery();
        group.MapGet("/pharmacies/{code}/api-keys", ListAsync).WithProblems(ApiProblems.Signed)
            .WithSummary("The pharmacy's API keys, active and revoked (never the keys themselves).");
        group.MapPost("/pharmacies/{code}/api-keys", IssueAsync).AcceptsJson<NewApiKeyBody>()
            .WithProblems([.. ApiProblems.Signed, 404])
            .WithSummary("Issues an API key for the pharmacy's system: queue, verify and dispense for that pharmacy. Shown once.");
        group.MapPost("/api-keys/{id:int}/revoke", RevokeAsync).WithProblems([.. ApiProblems.Signed, 404, 409])
            .WithSummary("Revokes an API key at once.");
        return app;
    }

    public static async Task<Results<Ok<ApiKeyListResponse>, ProblemHttpResult>> ListAsync(
        string code, HttpContext context, PharmacyApiKeys keys, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsAdmin != true)
        {
            return ApiProblems.Forbidden("Admins only.");
        }

        var rows = await keys.ListAsync(actor, code.Trim().ToUpperInvariant(), context.RequestAborted);
        return TypedResults.Ok(new ApiKeyListResponse(rows.Count, [.. rows.Select(r => RequestApiShapes.ApiKey(r))]));
    }

    public static async Task<Results<Created<ApiKeyResponse>, ProblemHttpResult>> IssueAsync(
        string code, HttpContext context, PharmacyApiKeys keys, HttpActorResolver callers)
    {
        var (body, problem) = await JsonBody.ReadAsync<NewApiKeyBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsAdmin != true)
        {
            return ApiProblems.Forbidden("Admins only.");
        }

        var (result, row, key) = await keys.IssueAsync(actor, code.Trim().ToUpperInvariant(), body!.Name ?? "", context.RequestAborted);
        if (result.Errors.Count > 0)
        {
            return ApiProblems.Invalid(result.Errors, k => k, result.Message);
        }

        return row is null
            ? ApiProblems.NotFound(result.Message)
            : TypedResults.Created($"/api/admin/pharmacies/{row.PharmacyCode}/api-keys", RequestApiShapes.ApiKey(row, key));
    }

    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeAsync(
        int id, HttpContext context, PharmacyApiKeys keys, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsAdmin != true)
        {
            return ApiProblems.Forbidden("Admins only.");
        }

        var result = await keys.RevokeAsync(actor, id, context.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Message == PharmacyApiKeys.NotFound ? ApiProblems.NotFound(result.Message) : ApiProblems.Conflict(result.Message);
        }

        var row = await keys.FindAsync(actor, id, context.RequestAborted);
        return TypedResults.Ok(RequestApiShapes.ApiKey(row!));
    }
}
