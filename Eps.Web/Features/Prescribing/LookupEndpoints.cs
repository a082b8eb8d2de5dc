using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Prescribing;

/// <summary>What a request is made of: the requestable medicines and the pharmacies that take nominations (the form's pickers).</summary>
internal static class LookupEndpoints
{
    private const int MaxTake = 100;

    public static IEndpointRouteBuilder MapLookupEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Catalogue").RequireAuthorization();
        group.MapGet("/drugs", DrugsAsync).WithProblems(ApiProblems.Signed)
            .WithSummary("Requestable medicines whose name contains search, with their strengths.");
        group.MapGet("/pharmacies", PharmaciesAsync).WithProblems(ApiProblems.Signed)
            .WithSummary("Pharmacies that take nominations, by name, city or code.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<DrugResponse>>, ProblemHttpResult>> DrugsAsync(
        HttpContext context, Catalogue catalogue, string? search = null, int take = 20) =>
        Check(search, take) ?? (Results<Ok<IReadOnlyList<DrugResponse>>, ProblemHttpResult>)TypedResults.Ok<IReadOnlyList<DrugResponse>>(
            [.. (await catalogue.SearchAsync(search?.Trim(), take, context.RequestAborted)).Select(RequestApiShapes.Drug)]);

    public static async Task<Results<Ok<IReadOnlyList<PharmacyResponse>>, ProblemHttpResult>> PharmaciesAsync(
        HttpContext context, PharmacyChoice pharmacies, string? search = null, int take = 20) =>
        Check(search, take) ?? (Results<Ok<IReadOnlyList<PharmacyResponse>>, ProblemHttpResult>)TypedResults.Ok<IReadOnlyList<PharmacyResponse>>(
            [.. (await pharmacies.SearchAsync(search?.Trim(), take, context.RequestAborted)).Select(RequestApiShapes.Pharmacy)]);

    private static ProblemHttpResult? Check(string? search, int take) =>
        search?.Length > 100 ? JsonBody.Problem("search", "search is at most 100 characters.")
        : take is < 1 or > MaxTake ? JsonBody.Problem("take", $"take is 1 to {MaxTake}.")
        : null;
}
