using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Prescribing;

/// <summary>The pharmacist's triage API, for requests nominated to their own pharmacy: forward, escalate with a note, reject with a reason.</summary>
internal static class TriageEndpoints
{
    public static IEndpointRouteBuilder MapTriageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pharmacy").WithTags("Triage").RequireAuthorization(Policies.Pharmacist)
            .DisableAntiforgery();
        group.MapGet("/requests", InboxAsync).WithProblems(ApiProblems.Signed)
            .WithSummary("Submitted requests nominated to the pharmacist's pharmacy, oldest first.");
        group.MapPost("/requests/{id:int}/forward", ForwardAsync).WithProblems([.. ApiProblems.Signed, 409])
            .WithSummary("Forwards a submitted request to a doctor.");
        group.MapPost("/requests/{id:int}/escalate", EscalateAsync).AcceptsJson<NoteBody>().WithProblems([.. ApiProblems.Signed, 409])
            .WithSummary("Escalates a submitted request to a doctor with a note for staff.");
        group.MapPost("/requests/{id:int}/reject", RejectAsync).AcceptsJson<ReasonBody>().WithProblems([.. ApiProblems.Signed, 409])
            .WithSummary("Rejects a submitted request; the patient is told the reason.");
        return app;
    }

    public static async Task<Results<Ok<RequestListResponse>, ProblemHttpResult>> InboxAsync(
        HttpContext context, Triage triage, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        return actor?.IsPharmacist != true
            ? ApiProblems.Forbidden("Your account is not linked to a pharmacy.")
            : TypedResults.Ok(RequestApiShapes.Requests(await triage.InboxAsync(actor, context.RequestAborted), forStaff: true));
    }

    public static Task<Results<Ok<TriageResponse>, ProblemHttpResult>> ForwardAsync(
        int id, HttpContext context, Triage triage, HttpActorResolver callers) =>
        RunAsync(id, context, callers, "awaiting_doctor", actor => triage.ForwardAsync(actor, id, context.RequestAborted));

    public static async Task<Results<Ok<TriageResponse>, ProblemHttpResult>> EscalateAsync(
        int id, HttpContext context, Triage triage, HttpActorResolver callers)
    {
        var (body, problem) = await JsonBody.ReadAsync<NoteBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Note is { Length: > 1000 })
        {
            return JsonBody.Problem("note", "Keep the note under 1000 characters.");
        }

        return await RunAsync(id, context, callers, "awaiting_doctor", actor => triage.EscalateAsync(actor, id, body.Note ?? "", context.RequestAborted));
    }

    public static async Task<Results<Ok<TriageResponse>, ProblemHttpResult>> RejectAsync(
        int id, HttpContext context, Triage triage, HttpActorResolver callers)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReasonBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Reason is { Length: > 1000 })
        {
            return JsonBody.Problem("reason", "Keep the reason under 1000 characters.");
        }

        return await RunAsync(id, context, callers, "rejected", actor => triage.RejectAsync(actor, id, body.Reason ?? "", context.RequestAborted));
    }

    /// <summary>
    /// Runs a triage command. The core refuses a request of another pharmacy exactly like one already handled, so the
    /// answer (409) tells a pharmacist nothing about other pharmacies' requests.
    /// </summary>
    private static async Task<Results<Ok<TriageResponse>, ProblemHttpResult>> RunAsync(
        int id, HttpContext context, HttpActorResolver callers, string status, Func<Core.Accounts.Actor, Task<CommandResult>> command)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsPharmacist != true)
        {
            return ApiProblems.Forbidden("Your account is not linked to a pharmacy.");
        }

        var result = await command(actor);
        if (result.Errors.Count > 0)
        {
            return ApiProblems.Invalid(result.Errors, key => key, result.Message);
        }

        return result.Succeeded
            ? TypedResults.Ok(new TriageResponse(true, result.Message, id, status))
            : ApiProblems.Conflict(result.Message);
    }
}
