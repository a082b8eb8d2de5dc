using System.Net;
using System.Text.Json;

namespace Eps.Tests.Infrastructure;

/// <summary>Checks on the API's validation answers.</summary>
public static class ProblemAssert
{
    /// <summary>A 400 problem-details answer, with no stack trace, whose errors name <paramref name="field"/>.</summary>
    public static async Task NamesFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 naming {field}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {text}");
    }
}
