using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace Eps.Web.Features.Interop;

/// <summary>A FHIR resource as application/fhir+json, written by the SDK's own serializer.</summary>
internal sealed class FhirResult(Resource resource, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string ContentType = "application/fhir+json";

    private static readonly FhirJsonSerializer Serializer = new();

    public Resource Resource { get; } = resource;

    public int StatusCode { get; } = statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType + "; charset=utf-8";
        await httpContext.Response.WriteAsync(Serializer.SerializeToString(Resource), httpContext.RequestAborted);
    }

    /// <summary>An OperationOutcome with one error issue, as FHIR servers answer what they cannot serve.</summary>
    public static FhirResult Outcome(int statusCode, OperationOutcome.IssueType code, string diagnostics) => new(
        new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = diagnostics }],
        },
        statusCode);
}
