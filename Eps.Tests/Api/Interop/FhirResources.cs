using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace Eps.Tests.Api.Interop;

/// <summary>
/// Reads FHIR answers the way a FHIR client does: the SDK's JSON deserializer in strict mode (FhirJsonParser's successor in
/// SDK 6), then the SDK's structural validation.
/// </summary>
public static class FhirResources
{
    public const string ContentType = "application/fhir+json";

    private static readonly FhirJsonDeserializer StrictParser = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    /// <summary>Parses <paramref name="json"/> strictly as <typeparamref name="T"/> and fails on any R4 structure error.</summary>
    public static T ParseValid<T>(string json) where T : Resource
    {
        var resource = StrictParser.Deserialize<T>(json);
        var problems = Problems(resource);
        Assert.True(problems.Count == 0, $"{typeof(T).Name} is not valid R4:\n{string.Join('\n', problems)}\n{json}");
        return resource;
    }

    /// <summary>The SDK's validation of cardinality, required elements, value formats and references, over the whole tree.</summary>
    public static List<string> Problems(Base resource) =>
        [.. resource.Validate(ModelInfo.ModelInspector).Select(e => e.Message)];

    /// <summary>Reads a FHIR answer: its status, its content type, and the resource strictly parsed and validated.</summary>
    public static async Task<T> ExpectAsync<T>(this HttpResponseMessage response, HttpStatusCode expected) where T : Resource
    {
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {json}");
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.MediaType);
        return ParseValid<T>(json);
    }
}
