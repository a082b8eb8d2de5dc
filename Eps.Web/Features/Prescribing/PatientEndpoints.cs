using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Prescribing;

/// <summary>The patient's API: request medicines, follow and withdraw requests, read prescriptions with their tokens.</summary>
internal static class PatientEndpoints
{
    public static IEndpointRouteBuilder MapPatientEndpoints(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/api/prescriptions").WithTags("Patient").RequireAuthorization(Policies.Patient)
            .DisableAntiforgery();
        requests.MapPost("/requests", SubmitAsync).AcceptsJson<NewRequestBody>().WithProblems([.. ApiProblems.Signed, 409])
            .WithSummary("Requests medicines from the catalogue, nominating the pharmacy to collect from.");
        requests.MapGet("/requests", ListAsync).WithProblems(ApiProblems.Signed)
            .WithSummary("The patient's own requests, newest first, each with its status timeline.");
        requests.MapPost("/requests/{reference}/withdraw", WithdrawAsync).WithProblems([.. ApiProblems.Signed, 404, 409])
            .WithSummary("Withdraws the patient's own request while nobody has decided on it.");

        app.MapGet("/api/medications", MedicationsAsync).WithTags("Patient").RequireAuthorization(Policies.Patient)
            .WithProblems(ApiProblems.Signed)
            .WithSummary("The patient's prescriptions: status, nominated pharmacy and, while collectable, the signed token (QR data).");
        return app;
    }

    public static async Task<Results<Created<RequestCommandResponse>, ProblemHttpResult>> SubmitAsync(
        HttpContext context, PatientRequests requests, HttpActorResolver callers)
    {
        var (body, problem) = await JsonBody.ReadAsync<NewRequestBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsPatient != true)
        {
            return ApiProblems.Forbidden("Your account has no patient record.");
        }

        if (Check(body!) is { } invalid)
        {
            return invalid;
        }

        var pharmacyField = body!.PharmacyCode is not null ? "pharmacy_code" : "pharmacy_id";
        int pharmacyId;
        if (body.PharmacyCode is { } code)
        {
            var found = await requests.SearchPharmaciesAsync(code.Trim(), 5, context.RequestAborted);
            pharmacyId = found.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))?.Id ?? -1;
            if (pharmacyId < 0)
            {
                return JsonBody.Problem("pharmacy_code", "No pharmacy that takes nominations has that code (see GET /api/pharmacies/).");
            }
        }
        else
        {
            // Like the form, which preselects the patient's pharmacy.
            pharmacyId = body.PharmacyId ?? (await requests.NominatedPharmacyAsync(actor, context.RequestAborted))?.Id ?? 0;
        }

        var items = body.Medications!.Select(m => new RequestedItem(m.DrugId ?? 0, m.Strength?.Trim() ?? "", m.Quantity ?? 0, m.Notes)).ToList();
        var (result, reference) = await requests.SubmitAsync(actor, new NewRequest(pharmacyId, body.Reason ?? "", items), context.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Errors.Count > 0
                ? ApiProblems.Invalid(result.Errors, key => ApiName(key, pharmacyField), result.Message)
                : ApiProblems.Forbidden(result.Message);
        }

        return TypedResults.Created("/api/prescriptions/requests/",
            new RequestCommandResponse(true, result.Message, reference!, RequestApiShapes.Status(RequestStatus.Submitted)));
    }

    public static async Task<Results<Ok<RequestListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext context, PatientRequests requests, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        return actor?.IsPatient != true
            ? ApiProblems.Forbidden("Your account has no patient record.")
            : TypedResults.Ok(RequestApiShapes.Requests(await requests.ListAsync(actor, context.RequestAborted), forStaff: false));
    }

    public static async Task<Results<Ok<RequestCommandResponse>, ProblemHttpResult>> WithdrawAsync(
        string reference, HttpContext context, PatientRequests requests, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor?.IsPatient != true)
        {
            return ApiProblems.Forbidden("Your account has no patient record.");
        }

        if (reference.Length > 32)
        {
            return JsonBody.Problem("reference", "reference is a request reference, e.g. REQ-20261127-4F7K2.");
        }

        // Someone else's request answers exactly like a missing one.
        var (result, status) = await requests.WithdrawAsync(actor, reference.Trim().ToUpperInvariant(), context.RequestAborted);
        return status switch
        {
            null => ApiProblems.NotFound(result.Message),
            _ when !result.Succeeded => ApiProblems.Conflict(result.Message),
            _ => TypedResults.Ok(new RequestCommandResponse(true, result.Message, reference.Trim().ToUpperInvariant(), RequestApiShapes.Status(status.Value))),
        };
    }

    public static async Task<Results<Ok<MedicationListResponse>, ProblemHttpResult>> MedicationsAsync(
        HttpContext context, Core.Prescribing.Prescriptions prescriptions, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        return actor?.IsPatient != true
            ? ApiProblems.Forbidden("Your account has no patient record.")
            : TypedResults.Ok(RequestApiShapes.Medications(await prescriptions.ForPatientAsync(actor, context.RequestAborted)));
    }

    /// <summary>The shape checks JSON binding cannot make; the rules themselves are the core's.</summary>
    private static ProblemHttpResult? Check(NewRequestBody body)
    {
        if (body.PharmacyCode is { Length: 0 or > 32 })
        {
            return JsonBody.Problem("pharmacy_code", "pharmacy_code is a pharmacy's code, e.g. PHB-PH-100101.");
        }

        if (body.Reason is { Length: > 4000 })
        {
            return JsonBody.Problem("reason", "Keep the reason under 1000 characters.");
        }

        if (body.Medications is null || body.Medications.Count == 0)
        {
            return JsonBody.Problem("medications", "Add at least one medicine (drug_id, strength, quantity).");
        }

        if (body.Medications.Count > RequestRules.MaxItems)
        {
            return JsonBody.Problem("medications", $"Request at most {RequestRules.MaxItems} medicines at a time.");
        }

        for (var i = 0; i < body.Medications.Count; i++)
        {
            var m = body.Medications[i];
            if (m is null)
            {
                return JsonBody.Problem($"medications[{i}]", "Each medicine is an object with drug_id, strength and quantity.");
            }

            if (m.DrugId is null or < 1)
            {
                return JsonBody.Problem($"medications[{i}].drug_id", "Choose a medicine from the catalogue (GET /api/drugs/).");
            }

            if (m.Strength is { Length: > 60 })
            {
                return JsonBody.Problem($"medications[{i}].strength", "Choose one of the strengths the catalogue lists.");
            }

            if (m.Notes is { Length: > 2000 })
            {
                return JsonBody.Problem($"medications[{i}].notes", "Keep notes under 500 characters.");
            }
        }

        return null;
    }

    /// <summary>The core's form field names ("items[0].drug") as the API's ("medications[0].drug_id").</summary>
    private static string ApiName(string key, string pharmacyField) => key switch
    {
        "pharmacy" => pharmacyField,
        "items" => "medications",
        _ when key.StartsWith("items[", StringComparison.Ordinal) =>
            "medications" + key["items".Length..].Replace(".drug", ".drug_id", StringComparison.Ordinal),
        _ => key,
    };
}
