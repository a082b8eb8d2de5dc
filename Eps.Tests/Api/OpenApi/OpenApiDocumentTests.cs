using System.Net;
using System.Text.Json;
using Eps.Tests.Api.Authentication;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Eps.Tests.Api.OpenApi;

/// <summary>The OpenAPI document describes every API endpoint the app maps, with its body and its problem answers.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(EpsApp app)
{
    private async Task<JsonElement> DocumentAsync() =>
        await (await ApiSession.Cookieless(app).GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Every_mapped_api_route_and_method_is_in_the_document()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var mapped = AppEndpoints.Of(app)
            .Where(e => AppEndpoints.Route(e) is var r && (r.StartsWith("/api/", StringComparison.Ordinal) || r.StartsWith("/fhir/", StringComparison.Ordinal)
                || r.StartsWith("/.well-known/", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (Route: Plain(AppEndpoints.Route(e)), Method: m)))
            .ToList();

        Assert.Contains(mapped, m => m.Route == "/api/provider/prescriptions/{id}/approve");
        Assert.Contains(mapped, m => m.Route == "/fhir/MedicationDispense/{prescriptionId}");
        var missing = mapped.Where(m => !paths.TryGetProperty(m.Route, out var path) || !path.TryGetProperty(m.Method.ToLowerInvariant(), out _))
            .Select(m => $"{m.Method} {m.Route}").ToList();
        Assert.True(missing.Count == 0, "Missing from /openapi/v1.json:\n" + string.Join('\n', missing));
    }

    [Fact]
    public async Task The_document_is_openapi_3_1_with_bodies_problem_answers_and_both_credentials()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var approve = paths.GetProperty("/api/provider/prescriptions/{id}/approve").GetProperty("post");
        var body = approve.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(body.TryGetProperty("$ref", out _) || body.TryGetProperty("properties", out _));
        Assert.True(approve.GetProperty("responses").TryGetProperty("200", out _));
        foreach (var status in new[] { "400", "401", "403", "404", "409" })
        {
            Assert.True(approve.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        }

        Assert.True(paths.GetProperty("/api/prescriptions/verify").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(paths.GetProperty("/api/prescriptions/dispense").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.True(schemes.TryGetProperty("bearer", out _));
        Assert.Equal("X-Api-Key", schemes.GetProperty("pharmacy_api_key").GetProperty("name").GetString());
        var approval = document.GetProperty("components").GetProperty("schemas").GetProperty("ApprovalResponse").GetProperty("properties");
        foreach (var name in new[] { "success", "message", "request_reference", "prescriptions_created", "prescription_ids" })
        {
            Assert.True(approval.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public async Task The_fhir_export_is_documented_as_application_fhir_json()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        foreach (var path in new[] { "/fhir/MedicationRequest/{prescriptionId}", "/fhir/MedicationDispense/{prescriptionId}", "/fhir/MedicationRequest" })
        {
            var responses = paths.GetProperty(path).GetProperty("get").GetProperty("responses");
            Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("application/fhir+json", out _), path);
            Assert.True(responses.TryGetProperty("401", out _), path);
        }

        Assert.Contains("group-identifier", paths.GetProperty("/fhir/MedicationRequest").GetProperty("get").GetProperty("summary").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_interactive_reference_is_served_in_development()
    {
        using var response = await ApiSession.Cookieless(app).GetAsync("/scalar/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    /// <summary>A route as OpenAPI writes it: constraints dropped ({id:int} → {id}).</summary>
    private static string Plain(string route) => AppEndpoints.RouteParameter().Replace(route, m => "{" + m.Groups[1].Value + "}");
}
