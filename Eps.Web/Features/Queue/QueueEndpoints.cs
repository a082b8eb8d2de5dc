using Eps.Core.Dispensing;
using Eps.Core.Queue;
using Eps.Core.Tokens;
using Eps.Web.Features.Accounts;
using Eps.Web.Features.Dispensing;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Eps.Web.Features.Queue;

/// <summary>The seed's queue endpoint and marking a prescription ready, for the pharmacist's (or pharmacy system's) own pharmacy.</summary>
internal static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pharmacy").WithTags("Pharmacy").RequireAuthorization(Policies.Counter);
        group.MapGet("/queue", GetQueue).WithProblems(ApiProblems.Signed)
            .WithSummary("The pharmacy's queue: status (pending, ready, dispensed, expired), priority, date_range and patient_search filters, stats, paged.");
        group.MapPost("/prescriptions/{prescriptionId}/ready", MarkReady).DisableAntiforgery().WithProblems([.. ApiProblems.Signed, 404, 409])
            .WithSummary("Marks a pending prescription of the pharmacy ready for collection and emails the patient; again is a no-op, 409 when not pending.");
        return app;
    }

    public static async Task<Results<Ok<ReadyResponse>, ProblemHttpResult>> MarkReady(
        string prescriptionId, HttpContext context, ReadyForCollection ready, HttpActorResolver callers, IOptions<TokenOptions> tokens)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsPharmacist != true)
        {
            return ApiProblems.Forbidden("Your account is not linked to a pharmacy.");
        }

        var prefix = tokens.Value.PrescriptionIdPrefix;
        var id = PrescriptionIds.Normalize(prescriptionId, prefix);
        if (!PrescriptionIds.IsValid(id, prefix))
        {
            return JsonBody.Problem("prescription_id", $"prescription_id must be {prefix} followed by 8 digits (e.g. {prefix}12345678).");
        }

        var outcome = await ready.MarkReadyAsync(actor, id, context.RequestAborted);
        return outcome.Status switch
        {
            ReadyStatus.Ready or ReadyStatus.AlreadyReady => TypedResults.Ok(new ReadyResponse(
                true, outcome.Message, id, outcome.ReadyAt!.Value, outcome.Status == ReadyStatus.AlreadyReady, outcome.Emailed)),
            ReadyStatus.NotFound => ApiProblems.NotFound(outcome.Message),
            ReadyStatus.WrongPharmacy => ApiProblems.Forbidden(outcome.Message),
            _ => ApiProblems.Conflict(outcome.Message),
        };
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

/// <summary>A prescription marked ready: when, whether it already was, and whether the patient was emailed this time.</summary>
internal sealed record ReadyResponse(bool Success, string Message, string PrescriptionId, DateTime ReadyAt, bool AlreadyReady, bool PatientEmailed);

/// <summary>The seed's queue response.</summary>
internal sealed record QueueResponse(bool Success, int Count, int Page, int PageSize, QueueStatsResponse Stats, IReadOnlyList<QueueItemResponse> Prescriptions);

/// <summary>The seed's queue stats.</summary>
internal sealed record QueueStatsResponse(int Total, int Routine, int Controlled, int HighRisk);

/// <summary>One prescription in the seed's queue response.</summary>
internal sealed record QueueItemResponse(
    int Id, string PrescriptionId, string PatientName, string PatientHpn, string MedicationName, string Strength, string Dosage,
    string Frequency, int Quantity, string PrescriberName, DateTime IssuedDate, DateTime ExpiryDate, bool Dispensed,
    DateTime? DispensedAt, string Priority, bool IsControlled, bool IsHighRisk, bool RequiresIdVerification, string? NafdacSchedule,
    bool Ready, DateTime? ReadyAt);
