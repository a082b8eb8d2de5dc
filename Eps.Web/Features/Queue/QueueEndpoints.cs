using Eps.Core.Queue;
using Eps.Web.Features.Accounts;
using Eps.Web.Features.Dispensing;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Queue;

/// <summary>The seed's queue endpoint, for the signed-in pharmacist's own pharmacy.</summary>
internal static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pharmacy").WithTags("Pharmacy").RequireAuthorization(Policies.Counter);
        group.MapGet("/queue", GetQueue).WithProblems(ApiProblems.Signed)
            .WithSummary("The pharmacy's queue: status, priority, date_range and patient_search filters, stats, paged.");
        return app;
    }

    public static async Task<Results<Ok<QueueResponse>, ProblemHttpResult>> GetQueue(
        HttpContext context, QueueQuery queue, HttpActorResolver callers,
        string? status = null, string? priority = null, string? date_range = null, string? patient_search = null,
        int page = 1, int page_size = 25)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsPharmacist != true)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Your account is not linked to a pharmacy.");
        }

        var (filter, error) = QueueFilters.Parse(status, priority, date_range, patient_search);
        if (error is var (field, message))
        {
            return JsonBody.Problem(field, message);
        }

        if (page < 1 || page_size is < 1 or > QueueQuery.MaxPageSize)
        {
            return JsonBody.Problem(page < 1 ? "page" : "page_size", $"page starts at 1; page_size is 1 to {QueueQuery.MaxPageSize}.");
        }

        var result = await queue.PageAsync(actor.PharmacyId!.Value, filter!, (page - 1) * page_size, page_size, context.RequestAborted);
        return TypedResults.Ok(new QueueResponse(
            true, result.TotalRows, page, page_size,
            new QueueStatsResponse(result.Stats.Total, result.Stats.Routine, result.Stats.Controlled, result.Stats.HighRisk),
            [.. result.Rows.Select(QueueFilters.ToResponse)]));
    }
}

/// <summary>The seed's queue response.</summary>
internal sealed record QueueResponse(bool Success, int Count, int Page, int PageSize, QueueStatsResponse Stats, IReadOnlyList<QueueItemResponse> Prescriptions);

/// <summary>The seed's queue stats.</summary>
internal sealed record QueueStatsResponse(int Total, int Routine, int Controlled, int HighRisk);

/// <summary>One prescription in the seed's queue response.</summary>
internal sealed record QueueItemResponse(
    int Id, string PrescriptionId, string PatientName, string PatientHpn, string MedicationName, string Strength, string Dosage,
    string Frequency, int Quantity, string PrescriberName, DateTime IssuedDate, DateTime ExpiryDate, bool Dispensed,
    DateTime? DispensedAt, string Priority, bool IsControlled, bool IsHighRisk, bool RequiresIdVerification, string? NafdacSchedule);
