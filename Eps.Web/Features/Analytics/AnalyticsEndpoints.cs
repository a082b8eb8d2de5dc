using System.Globalization;
using System.Text;
using Eps.Core.Analytics;
using Eps.Core.Dispensing;
using Eps.Web.Features.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Eps.Web.Features.Analytics;

/// <summary>The compliance export: the controlled drugs register across pharmacies, for admins.</summary>
internal static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/compliance").WithTags("Compliance").RequireAuthorization(Policies.Admin);
        group.MapGet("/register.csv", ExportRegister);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportRegister(
        HttpContext context, [FromServices] ControlledRegister register, [FromServices] AnalyticsService analytics,
        string? from = null, string? to = null, string? pharmacy = null)
    {
        if (!TryParseDate(from, out var start))
        {
            return JsonBody.Problem("from", "from must be a date like 2026-11-01.");
        }

        if (!TryParseDate(to, out var end) || AnalyticsService.CheckPeriod(start, end) is not null)
        {
            return JsonBody.Problem("to", $"to must be a date like 2026-11-30, not before from and at most {AnalyticsService.MaxDays} days after it.");
        }

        PharmacyOption? only = null;
        if (!string.IsNullOrWhiteSpace(pharmacy))
        {
            only = await analytics.FindPharmacyAsync(pharmacy, context.RequestAborted);
            if (only is null)
            {
                return JsonBody.Problem("pharmacy", "pharmacy must be the code of a pharmacy, like PHB-PH-100101.");
            }
        }

        var entries = await register.EntriesAsync(only?.Id, start, end, context.RequestAborted);
        var scope = only is null ? "all" : only.Code;
        return TypedResults.File(Encoding.UTF8.GetBytes(ControlledRegister.ToCsv(entries)), "text/csv; charset=utf-8",
            $"controlled-register-{scope}-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
    }

    /// <summary>The export link for a period and optional pharmacy, as the compliance page offers it.</summary>
    public static string RegisterCsvUrl(DateOnly from, DateOnly to, string? pharmacyCode) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/admin/compliance/register.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}")
        + (pharmacyCode is null ? "" : "&pharmacy=" + Uri.EscapeDataString(pharmacyCode));

    private static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
