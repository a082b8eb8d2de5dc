using System.Text;
using Eps.Core.Audit;
using Eps.Web.Features.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Audit;

/// <summary>The audit trail as CSV for admins: the audit browser's query and filter, oldest entry first.</summary>
internal static class AuditEndpoints
{
    public const string CsvPath = "/api/audit.csv";

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(CsvPath, ExportCsv).WithTags("Audit").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>The export link for a filter, as the audit page offers it.</summary>
    public static string CsvUrl(AuditFilter filter) => $"{CsvPath}?{filter.ToQuery()}";

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportCsv(
        HttpContext context, AuditBrowser browser, HttpActorResolver callers,
        string? from = null, string? to = null, string? kind = null, string? actor = null, string? subject = null)
    {
        var (_, caller) = await callers.ResolveAsync(context);
        if (caller is not { IsAdmin: true })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only admins read the audit trail.");
        }

        if (!AuditFilter.TryParse(from, to, kind, actor, subject, out var filter, out var error))
        {
            return JsonBody.Problem(error.Field, error.Message);
        }

        var rows = await browser.ExportAsync(caller, filter, context.RequestAborted);
        return TypedResults.File(Encoding.UTF8.GetBytes(AuditBrowser.ToCsv(rows)), "text/csv; charset=utf-8",
            $"audit-{filter.Period.From:yyyyMMdd}-{filter.Period.To:yyyyMMdd}.csv");
    }
}
