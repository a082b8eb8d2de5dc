using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Api;

public sealed class AuthorizationMatrixTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public void Dump()
    {
        app.Start();
        var lines = new List<string>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            var re = e as RouteEndpoint;
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            lines.Add($"{(re is null ? "NONROUTE" : re.RoutePattern.RawText)} | {string.Join(",", methods ?? [])} | {e.DisplayName} | {string.Join(",", e.Metadata.Select(m => m.GetType().Name).Distinct())}");
        }
        File.WriteAllLines("/tmp/endpoints.txt", lines);
    }
}
