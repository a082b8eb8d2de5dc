using Eps.Core.Dispensing;
using Eps.Web.Features.Accounts;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Dispensing;

/// <summary>The seed's prescription API: verify (public), dispense (pharmacist), verification log (entitled users).</summary>
internal static class PrescriptionEndpoints
{
    public static IEndpointRouteBuilder MapPrescriptionEndpoints(this IEndpointRouteBuilder app)
    {
        // Routing accepts a trailing slash, so "/verify" and the seed's "/verify/" both reach one endpoint.
        var group = app.MapGroup("/api/prescriptions").WithTags("Prescriptions").DisableAntiforgery();
        group.MapPost("/verify", Verify).AllowAnonymous().RequireRateLimiting(RateLimits.Verify)
            .AcceptsJson<VerifyBody>().WithProblems(400, 429)
            .WithSummary("Verifies a token (the QR's {token} or the seed's {payload, signature}); every attempt is audited.");
        group.MapPost("/dispense", Dispense).RequireAuthorization(Policies.Counter)
            .AcceptsJson<DispenseBody>().WithProblems([.. ApiProblems.Signed, 404])
            .WithSummary("Dispenses a prescription at its pharmacy, at most once (409 when it lost the race); controlled drugs need the ID document.");
        group.MapGet("/{prescriptionId}/verification-log", GetVerificationLog).RequireAuthorization().WithProblems(401, 403)
            .WithSummary("Every verification and dispense attempt of a prescription: prescriber, patient, its pharmacy, admin.");
        return app;
    }

    public static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> Verify(
        HttpContext context, VerificationService verifier, HttpActorResolver callers)
    {
        var (body, problem) = await JsonBody.ReadAsync<VerifyBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var (caller, _) = await callers.ResolveAsync(context);
        var outcome = await verifier.VerifyAsync(
            new VerifyRequest(body!.Token, body.Payload, body.Signature, body.Kid, body.PharmacyCode, body.PharmacyName),
            caller, context.RequestAborted);
        return TypedResults.Ok(new VerifyResponse(outcome.Valid, outcome.Reason, ApiShapes.VerifyDetails(outcome)));
    }

    public static async Task<Results<Ok<DispenseResponse<DispenseReceiptDetails>>, Conflict<DispenseResponse<DispensedDetails>>, ProblemHttpResult>> Dispense(
        HttpContext context, DispenseService dispenser, HttpActorResolver callers)
    {
        var (body, problem) = await JsonBody.ReadAsync<DispenseBody>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var (command, invalid) = DispenseBodyValidator.Validate(body!);
        if (invalid is not null)
        {
            return invalid;
        }

        var (caller, actor) = await callers.ResolveAsync(context);
        if (actor?.IsPharmacist != true)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Your account is not linked to a pharmacy.");
        }

        if (string.IsNullOrWhiteSpace(command!.PharmacistName))
        {
            command = command with { PharmacistName = actor.FullName };
        }

        var outcome = await dispenser.DispenseAsync(command, caller, context.RequestAborted);
        return outcome.Status switch
        {
            DispenseStatus.Dispensed => TypedResults.Ok(new DispenseResponse<DispenseReceiptDetails>(true, outcome.Message, ApiShapes.Receipt(outcome.Receipt!))),
            DispenseStatus.AlreadyDispensed or DispenseStatus.Cancelled or DispenseStatus.Expired =>
                TypedResults.Conflict(new DispenseResponse<DispensedDetails>(false, outcome.Message, ApiShapes.Dispensed(outcome.AlreadyDispensed))),
            DispenseStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: outcome.Message),
            DispenseStatus.WrongPharmacy => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: outcome.Message),
            _ => JsonBody.Problem(outcome.Field ?? "body", outcome.Message),
        };
    }

    public static async Task<Results<Ok<VerificationLogResponse>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ProblemHttpResult>> GetVerificationLog(
        string prescriptionId, HttpContext context, VerificationLog log, HttpActorResolver callers)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        if (actor is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Unknown user.");
        }

        // Someone else's prescription answers exactly like a missing one, so IDs cannot be probed.
        var (view, _) = await log.GetAsync(prescriptionId, actor, context.RequestAborted);
        return view is null
            ? TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 404, Detail = "Prescription not found" })
            : TypedResults.Ok(ApiShapes.Log(view));
    }
}
