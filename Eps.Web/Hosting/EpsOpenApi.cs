using Eps.Web.Features.Accounts;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Eps.Web.Hosting;

/// <summary>
/// The API's OpenAPI 3.1 document at /openapi/v1.json (every /api, /fhir and /.well-known endpoint, with the problem details
/// each may answer) and, in Development, Scalar's interactive reference at /scalar.
/// </summary>
internal static class EpsOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";

    /// <summary>Endpoint metadata: the page runs an inline script, so its content security policy allows one.</summary>
    public sealed class InlineScripts;

    public static IServiceCollection AddEpsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.ShouldInclude = d => d.RelativePath is { } path
                && (path == "api" || path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith(".well-known/", StringComparison.Ordinal)
                    || path.StartsWith("fhir/", StringComparison.Ordinal));
            o.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().FirstOrDefault() is { } body)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken) },
                        },
                    };
                }
            });
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Eps API",
                    Version = DocumentName,
                    Description = "Electronic prescription tokens: requests, triage, approval, prescriptions, verification and dispensing. "
                        + "Sign in with POST /api/auth/token and send the access token as 'Authorization: Bearer …'; pharmacy systems send "
                        + $"their key as '{ApiAuthentication.ApiKeyHeader}'. JSON names are snake_case; invalid input answers 400 problem "
                        + "details whose errors name the field.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["bearer"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "bearer",
                        Description = "Access token from POST /api/auth/token (15 minutes; renew with POST /api/auth/refresh).",
                    },
                    ["pharmacy_api_key"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiAuthentication.ApiKeyHeader,
                        Description = "A pharmacy system's key, issued by an admin: the pharmacy's queue, verify and dispense only.",
                    },
                };
                document.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("pharmacy_api_key", document)] = [] },
                ];
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapEpsOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoute).AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference("/scalar", o => o.WithTitle("Eps API").WithOpenApiRoutePattern(DocumentRoute))
                .AllowAnonymous().WithMetadata(new InlineScripts());
        }

        return app;
    }
}
