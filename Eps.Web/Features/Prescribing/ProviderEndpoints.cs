using System.Globalization;
using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Prescribing;

/// <summary>
/// The doctor's API (the seed's /api/provider/…): reviewable requests, approve with per-item dosing (Schedule 2/3 items
/// signed with the authenticator code, as on the review page), reject, and cancel an issued prescription.
/// </summary>
internal static class ProviderEndpoints
{
    public static IEndpointRouteBuilder MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider").WithTags("Doctor").RequireAuthorization(Policies.Doctor).DisableAntiforgery();
        group.MapGet("/prescriptions", ListAsync).WithProblems(ApiProblems.Signed)
            .WithSummary("Requests to review: status open (default), awaiting_doctor, submitted, approved or rejected; search by patient, HPN or reference.");
        group.MapGet("/prescriptions/{id:int}", GetAsync).WithProblems([.. ApiProblems.Signed, 404])
            .WithSummary("One request with its items and the patient's earlier prescriptions.");
        group.MapPost("/prescriptions/{id:int}/approve", ApproveAsync).AcceptsJson<ApproveBody>()
            .WithProblems([.. ApiProblems.Signed, 404, 409])
            .WithSummary("Approves the listed items: one signed prescription each. Schedule 2/3 items need totp_code.");
        group.MapPost("/prescriptions/{id:int}/reject", RejectAsync).AcceptsJson<ReasonBody>()
            .WithProblems([.. ApiProblems.Signed, 409])
            .WithSummary("Rejects a request; the patient is told the reason.");
        group.MapGet("/medications", IssuedAsync).WithProblems(ApiProblems.Signed)
            .WithSummary("Prescriptions the doctor issued, newest first.");
        group.MapPost("/medications/{prescriptionId}/cancel", CancelAsync).AcceptsJson<ReasonBody>()
            .WithProblems([.. ApiProblems.Signed, 409])
            .WithSummary("Cancels a prescription the doctor issued that has not been dispensed.");
        return app;
    }

    public static async Task<Results<Ok<RequestListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext context, Reviews reviews, HttpActorResolver callers, string? status = null, string? search = null)
    {
        ReviewFilter? filter = (status ?? "open").Trim().ToLowerInvariant() switch
        {
            "open" or "" => ReviewFilter.Open,
            "awaiting_doctor" => ReviewFilter.AwaitingDoctor,
            "submitted" => ReviewFilter.Submitted,
            "approved" => ReviewFilter.Approved,
            "rejected" => ReviewFilter.Rejected,
            _ => null,
        };
        if (filter is null)
        {
            return JsonBody.Problem("status", "status is one of: open, awaiting_doctor, submitted, approved, rejected.");
        }

        if (search?.Length > 200)
        {
            return JsonBody.Problem("search", "search is at most 200 characters.");
        }

        var (_, actor) = await callers.ResolveAsync(context);
        return actor?.IsDoctor != true
            ? ApiProblems.Forbidden("Your account has no doctor record.")
            : TypedResults.Ok(RequestApiShapes.Requests(await reviews.ListAsync(actor, filter.Value, search, context.RequestAborted), forStaff: true));
    }

    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> GetAsync(
        int id, HttpContext context, Reviews reviews, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsDoctor != true)
        {
            return ApiProblems.Forbidden("Your account has no doctor record.");
        }

        var review = await reviews.GetAsync(actor, id, context.RequestAborted);
        return review is null
            ? ApiProblems.NotFound("Request not found.")
            : TypedResults.Ok(new ReviewResponse(RequestApiShapes.Request(review.Request, forStaff: true),
                [.. review.History.Select(RequestApiShapes.Medication)]));
    }

    public static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> ApproveAsync(
        int id, HttpContext context, Reviews reviews, HttpActorResolver callers)
    {
        var (body, problem) = await JsonBody.ReadAsync<ApproveBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsDoctor != true)
        {
            return ApiProblems.Forbidden("Your account has no doctor record.");
        }

        if (Check(body!) is { } invalid)
        {
            return invalid;
        }

        var review = await reviews.GetAsync(actor, id, context.RequestAborted);
        if (review is null)
        {
            return ApiProblems.NotFound("Request not found.");
        }

        var items = review.Request.Items.ToDictionary(i => i.Id);
        var listed = body!.Medications!;
        for (var i = 0; i < listed.Count; i++)
        {
            if (!items.ContainsKey(listed[i].ItemId!.Value))
            {
                return JsonBody.Problem($"medications[{i}].item_id", "That item is not on this request (see its medications' item_id).");
            }
        }

        var decisions = listed.Select(m => new ItemDecision(m.ItemId!.Value, m.Approve ?? true, m.DosageInstructions ?? "", m.Frequency ?? "",
            m.Quantity ?? items[m.ItemId.Value].QuantityRequested, m.RefillsAllowed ?? 0)).ToList();
        var result = await reviews.ApproveAsync(actor, id, decisions, body.ClinicalNotes, body.TotpCode, context.RequestAborted);
        if (result.Succeeded)
        {
            return TypedResults.Ok(new ApprovalResponse(true, result.Message, review.Request.Reference, result.PrescriptionIds.Count, result.PrescriptionIds));
        }

        if (result.Errors is { Count: > 0 } errors)
        {
            var index = listed.Select((m, i) => (m.ItemId!.Value, i)).ToDictionary(p => p.Value, p => p.i);
            return ApiProblems.Invalid(errors, key => ApiName(key, index), result.Message);
        }

        return ApiProblems.Conflict(result.Message);
    }

    public static async Task<Results<Ok<TriageResponse>, ProblemHttpResult>> RejectAsync(
        int id, HttpContext context, Reviews reviews, HttpActorResolver callers)
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

        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsDoctor != true)
        {
            return ApiProblems.Forbidden("Your account has no doctor record.");
        }

        var result = await reviews.RejectAsync(actor, id, body.Reason ?? "", context.RequestAborted);
        return result switch
        {
            { Errors.Count: > 0 } => ApiProblems.Invalid(result.Errors, key => key, result.Message),
            { Succeeded: true } => TypedResults.Ok(new TriageResponse(true, result.Message, id, "rejected")),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    public static async Task<Results<Ok<MedicationListResponse>, ProblemHttpResult>> IssuedAsync(
        HttpContext context, Core.Prescribing.Prescriptions prescriptions, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        return actor?.IsDoctor != true
            ? ApiProblems.Forbidden("Your account has no doctor record.")
            : TypedResults.Ok(RequestApiShapes.Medications(await prescriptions.IssuedByAsync(actor, 200, context.RequestAborted)));
    }

    public static async Task<Results<Ok<CancelResponse>, ProblemHttpResult>> CancelAsync(
        string prescriptionId, HttpContext context, Core.Prescribing.Prescriptions prescriptions, HttpActorResolver callers)
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

        if (prescriptionId.Length > 32)
        {
            return JsonBody.Problem("prescription_id", "prescription_id is a prescription ID, e.g. PHB-RX-12345678.");
        }

        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsDoctor != true)
        {
            return ApiProblems.Forbidden("Your account has no doctor record.");
        }

        var rx = prescriptionId.Trim().ToUpperInvariant();
        var result = await prescriptions.CancelAsync(actor, rx, body.Reason ?? "", context.RequestAborted);
        return result switch
        {
            { Errors.Count: > 0 } => ApiProblems.Invalid(result.Errors, key => key, result.Message),
            { Succeeded: true } => TypedResults.Ok(new CancelResponse(true, result.Message, rx, "cancelled")),
            // Not issued by this doctor answers like dispensed or cancelled already: the core does not tell them apart.
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static ProblemHttpResult? Check(ApproveBody body)
    {
        if (body.Medications is null || body.Medications.Count == 0)
        {
            return JsonBody.Problem("medications", "List the items to approve (item_id, dosage_instructions, frequency, quantity, refills_allowed).");
        }

        if (body.Medications.Count > RequestRules.MaxItems)
        {
            return JsonBody.Problem("medications", $"A request has at most {RequestRules.MaxItems} items.");
        }

        for (var i = 0; i < body.Medications.Count; i++)
        {
            if (body.Medications[i] is not { ItemId: > 0 } m)
            {
                return JsonBody.Problem($"medications[{i}].item_id", "item_id is required: the id of an item on this request.");
            }

            if (body.Medications.Take(i).Any(o => o.ItemId == m.ItemId))
            {
                return JsonBody.Problem($"medications[{i}].item_id", "Each item appears once.");
            }
        }

        return body.ClinicalNotes is { Length: > 2000 } ? JsonBody.Problem("clinical_notes", "Keep clinical notes under 2000 characters.")
            : body.TotpCode is { Length: > 16 } ? JsonBody.Problem("totp_code", "Enter the 6-digit code from your authenticator app.")
            : null;
    }

    /// <summary>The core's field names ("item-12.dosage", "totp") as the API's ("medications[0].dosage_instructions", "totp_code").</summary>
    private static string ApiName(string key, Dictionary<int, int> index)
    {
        if (key == ControlledSigning.Field)
        {
            return "totp_code";
        }

        if (key == "items")
        {
            return "medications";
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (key.StartsWith("item-", StringComparison.Ordinal) && dot > 5
            && int.TryParse(key.AsSpan(5, dot - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var itemId)
            && index.TryGetValue(itemId, out var i))
        {
            var field = key[(dot + 1)..] switch
            {
                "dosage" => "dosage_instructions",
                "refills" => "refills_allowed",
                "drug" => "item_id",
                var other => other,
            };
            return $"medications[{i}].{field}";
        }

        return key;
    }
}
