using Eps.Core.Interop;
using Eps.Core.Tokens;
using Eps.Web.Features.Accounts;
using Eps.Web.Hosting;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace Eps.Web.Features.Interop;

/// <summary>
/// Read-only FHIR R4 export: a prescription as a MedicationRequest, its dispense as a MedicationDispense, and the
/// prescriptions of one patient request as a searchset Bundle. Who may read is the verification log's rule (the patient,
/// the prescriber, the nominated pharmacy, admins); anyone else gets the 404 a missing prescription gets.
/// </summary>
internal static class FhirEndpoints
{
    public const string GroupIdentifier = "group-identifier";
    public const string RevInclude = "_revinclude";
    public const string DispensesOfPrescription = "MedicationDispense:prescription";

    public static IEndpointRouteBuilder MapFhirEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir").WithTags("FHIR").RequireAuthorization();
        group.MapGet("/MedicationRequest/{prescriptionId}", ReadMedicationRequest).ProducesFhir(404)
            .WithSummary("A prescription as a FHIR R4 MedicationRequest (the ID with or without its prefix).");
        group.MapGet("/MedicationDispense/{prescriptionId}", ReadMedicationDispense).ProducesFhir(404)
            .WithSummary("The dispense of a collected prescription as a FHIR R4 MedicationDispense; 404 until it is dispensed.");
        group.MapGet("/MedicationRequest", SearchMedicationRequests).ProducesFhir(400)
            .WithSummary($"The prescriptions of one patient request as a FHIR R4 searchset Bundle: ?{GroupIdentifier}=REQ-…; "
                + $"{RevInclude}={DispensesOfPrescription} adds the dispenses of those collected.");
        return app;
    }

    public static async Task<IResult> ReadMedicationRequest(
        string prescriptionId, HttpContext context, FhirExport export, HttpActorResolver callers, IOptions<TokenOptions> tokens)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        var id = PrescriptionIds.Normalize(prescriptionId, tokens.Value.PrescriptionIdPrefix);
        var resource = actor is null || !PrescriptionIds.IsValid(id, tokens.Value.PrescriptionIdPrefix)
            ? null : await export.MedicationRequestAsync(actor, id, context.RequestAborted);
        return resource is null ? NotFound("MedicationRequest") : new FhirResult(resource);
    }

    public static async Task<IResult> ReadMedicationDispense(
        string prescriptionId, HttpContext context, FhirExport export, HttpActorResolver callers, IOptions<TokenOptions> tokens)
    {
        var (_, actor) = await callers.ResolveAsync(context);
        var id = PrescriptionIds.Normalize(prescriptionId, tokens.Value.PrescriptionIdPrefix);
        var resource = actor is null || !PrescriptionIds.IsValid(id, tokens.Value.PrescriptionIdPrefix)
            ? null : await export.MedicationDispenseAsync(actor, id, context.RequestAborted);
        return resource is null ? NotFound("MedicationDispense") : new FhirResult(resource);
    }

    public static async Task<IResult> SearchMedicationRequests(HttpContext context, FhirExport export, HttpActorResolver callers)
    {
        var query = context.Request.Query;
        if (query[GroupIdentifier] is not [{ } reference] || !IsReference(reference))
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                $"Search by one {GroupIdentifier}: a request reference such as REQ-20261127-4F7K2.");
        }

        var revInclude = query[RevInclude];
        if (revInclude.Any(v => v != DispensesOfPrescription))
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                $"{RevInclude} supports {DispensesOfPrescription} only.");
        }

        var (_, actor) = await callers.ResolveAsync(context);
        if (actor is null)
        {
            return NotFound("MedicationRequest");
        }

        var request = context.Request;
        if (!Uri.TryCreate($"{request.Scheme}://{request.Host}{request.PathBase}/fhir/", UriKind.Absolute, out var fhirBase))
        {
            fhirBase = new Uri("http://localhost/fhir/");
        }

        var self = new Uri(fhirBase, $"MedicationRequest{request.QueryString}");
        var bundle = await export.RequestBundleAsync(actor, reference, revInclude.Count > 0, fhirBase, self, context.RequestAborted);
        return new FhirResult(bundle);
    }

    /// <summary>A request reference as Eps writes them: letters, digits and dashes.</summary>
    private static bool IsReference(string text) =>
        text.Length is > 0 and <= 40 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The same answer for a missing resource and one the caller may not see; the requested id is not echoed.</summary>
    private static FhirResult NotFound(string type) => FhirResult.Outcome(
        StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"No such {type}.");

    /// <summary>Documents the application/fhir+json answers: the resource, and an OperationOutcome for each status.</summary>
    private static RouteHandlerBuilder ProducesFhir(this RouteHandlerBuilder builder, params int[] outcomes)
    {
        builder.Produces<FhirResourceShape>(StatusCodes.Status200OK, FhirResult.ContentType);
        foreach (var status in outcomes)
        {
            builder.Produces<FhirResourceShape>(status, FhirResult.ContentType);
        }

        return builder.WithProblems(401);
    }
}

/// <summary>
/// How the OpenAPI document describes a FHIR answer: any R4 resource (MedicationRequest, MedicationDispense, Bundle,
/// OperationOutcome) in FHIR's JSON format, which <see href="https://hl7.org/fhir/R4/"/> specifies in full.
/// </summary>
internal sealed record FhirResourceShape(
    [property: System.Text.Json.Serialization.JsonPropertyName("resourceType")] string ResourceType,
    [property: System.Text.Json.Serialization.JsonPropertyName("id")] string? Id);
