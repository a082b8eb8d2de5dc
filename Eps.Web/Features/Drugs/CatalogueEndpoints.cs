using System.Text;
using Eps.Core.Drugs;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Drugs;

/// <summary>
/// The drug catalogue as CSV for administrators. Import goes through the catalogue page, which hands the uploaded text to
/// <see cref="CatalogueTransfer.ImportAsync"/>.
/// </summary>
internal static class CatalogueEndpoints
{
    public const string CsvPath = "/api/admin/drugs.csv";

    public static IEndpointRouteBuilder MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(CsvPath, ExportCsv).WithTags("Drugs").RequireAuthorization(Policies.Admin);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportCsv(
        HttpContext context, CatalogueTransfer transfer, HttpActorResolver callers, TimeProvider time)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        var csv = actor is null ? null : await transfer.ExportAsync(actor, context.RequestAborted);
        if (csv is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only an administrator can export the drug catalogue.");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8",
            $"drug-catalogue-{time.GetUtcNow():yyyyMMdd}.csv");
    }
}
