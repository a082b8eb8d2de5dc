using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Security;

/// <summary>
/// The fuzz catalog against the app's own endpoint metadata: an endpoint or page that no fuzz case covers fails here, as
/// does a catalog row whose route is gone or a page that binds form fields but lists no form.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzCoverageTests(FuzzHost fuzz)
{
    [Fact]
    public void Every_endpoint_and_page_has_a_fuzz_case_and_every_case_still_exists()
    {
        var discovered = AppEndpoints.Of(fuzz.App).SelectMany(Keys).ToHashSet();
        var covered = FuzzCatalog.Keys.ToList();

        Assert.Equal(covered.Count, covered.Distinct().Count()); // no duplicate cases
        var uncovered = discovered.Except(covered).Order().ToList();
        Assert.True(uncovered.Count == 0, "Add fuzz cases (FuzzCatalog) for these routes:\n" + string.Join('\n', uncovered));
        var gone = covered.Except(discovered).Order().ToList();
        Assert.True(gone.Count == 0, "These fuzz cases no longer match an endpoint:\n" + string.Join('\n', gone));
    }

    [Fact]
    public void Every_page_that_binds_form_fields_has_its_forms_listed()
    {
        var missing = FuzzCatalog.Pages
            .Where(p => p.Forms.Length == 0)
            .Where(p => PageFuzzTests.Component(p.Route).GetProperties(System.Reflection.BindingFlags.Instance
                    | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .Any(prop => prop.IsDefined(typeof(SupplyParameterFromFormAttribute), inherit: true)))
            .Select(p => p.Route)
            .ToList();

        Assert.True(missing.Count == 0, "These pages bind form fields but the fuzz catalog lists no form:\n" + string.Join('\n', missing));
    }

    /// <summary>A page is one case (its forms and its query); an API is one case per method.</summary>
    private static IEnumerable<string> Keys(RouteEndpoint endpoint)
    {
        var route = AppEndpoints.Route(endpoint);
        return endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            ? ["PAGE " + route]
            : (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {route}");
    }
}
