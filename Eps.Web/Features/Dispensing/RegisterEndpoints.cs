using System.Text;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Core.Reporting;
using Eps.Web.Features.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Dispensing;

/// <summary>
/// The controlled drugs register as CSV: one endpoint for a pharmacist (their own pharmacy) and an admin (any pharmacy
/// or all), the same query as the register and compliance pages.
/// </summary>
internal static class RegisterEndpoints
{
    public const string CsvPath = "/api/register.csv";

    public static IEndpointRouteBuilder MapRegisterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(CsvPath, ExportCsv).WithTags("Register").RequireAuthorization(Policies.RegisterReader);
        return app;
    }

    /// <summary>The export link for a period and optional pharmacy, as the pages offer it.</summary>
    public static string CsvUrl(ReportPeriod period, string? pharmacyCode) =>
        $"{CsvPath}?{period.ToQuery()}" + (pharmacyCode is null ? "" : "&pharmacy=" + Uri.EscapeDataString(pharmacyCode));

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportCsv(
        HttpContext context, ControlledRegister register, PharmacyDirectory pharmacies, HttpActorResolver callers,
        string? from = null, string? to = null, string? pharmacy = null)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor is null || !(actor.IsAdmin || actor.IsPharmacist))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Your account is not linked to a pharmacy.");
        }

        if (!ReportPeriod.TryParse(from, to, out var period, out var error))
        {
            return JsonBody.Problem(error.Field, error.Message);
        }

        PharmacyOption? only = null;
        if (!string.IsNullOrWhiteSpace(pharmacy))
        {
            only = await pharmacies.FindByCodeAsync(pharmacy, context.RequestAborted);
            if (only is null)
            {
                return JsonBody.Problem("pharmacy", "pharmacy must be the code of a pharmacy, like PHB-PH-100101.");
            }

            if (!actor.IsAdmin && only.Id != actor.PharmacyId)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "You can export only your own pharmacy's register.");
            }
        }

        var entries = await register.EntriesAsync(actor, period, only?.Id, context.RequestAborted);
        var scope = only?.Code ?? (actor.IsAdmin ? "all" : "pharmacy");
        return TypedResults.File(Encoding.UTF8.GetBytes(ControlledRegister.ToCsv(entries)), "text/csv; charset=utf-8",
            $"controlled-register-{scope}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv");
    }
}
