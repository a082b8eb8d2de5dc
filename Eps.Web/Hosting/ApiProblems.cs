using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Hosting;

/// <summary>Problem-details answers of the API beyond <see cref="JsonBody.Problem"/>, and their OpenAPI description.</summary>
internal static class ApiProblems
{
    /// <summary>A 400 listing every field a core rule refused, under the API's names for them.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyDictionary<string, string> errors, Func<string, string> apiName, string message) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Detail = errors.Count == 1 ? errors.Values.Single() : message,
            Extensions = { ["errors"] = errors.GroupBy(e => apiName(e.Key)).ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray()) },
        });

    public static ProblemHttpResult Status(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);

    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, detail);

    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, detail);

    /// <summary>Documents the problem-details answers an endpoint may give.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>
    /// Documents the JSON body an endpoint reads with <see cref="JsonBody"/>. Not <c>Accepts</c>: that would let routing
    /// answer a wrong content type with a bare 415 before the endpoint can name the problem.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) => builder.WithMetadata(new JsonBodyMetadata(typeof(T)));

    /// <summary>The answers every authenticated endpoint may give: bad input, not signed in, not allowed.</summary>
    public static readonly int[] Signed = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden];
}

/// <summary>Endpoint metadata: the type of the JSON body the endpoint reads itself.</summary>
internal sealed record JsonBodyMetadata(Type BodyType);
