using Eps.Web.Components;
using Eps.Web.Features.Accounts;
using Eps.Web.Features.Analytics;
using Eps.Web.Features.Audit;
using Eps.Web.Features.Dispensing;
using Eps.Web.Features.Drugs;
using Eps.Web.Features.Interop;
using Eps.Web.Features.Pharmacies;
using Eps.Web.Features.Prescribing;
using Eps.Web.Features.Queue;
using Eps.Web.Features.Tokens;

namespace Eps.Web.Hosting;

/// <summary>The request pipeline and the endpoint map.</summary>
internal static class WebApplicationExtensions
{
    public static WebApplication UseEpsPipeline(this WebApplication app)
    {
        // First: everything after it (rate limits, the audit's client IP, HSTS) sees the client, not the proxy.
        app.UseEpsForwardedHeaders();
        app.UseSecurityHeaders();

        // API callers get problem details, never an HTML page or a stack trace.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !IsApi(c), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/Error", createScopeForErrors: true);
            }

            // Only reads get the not-found page: re-executing a refused form post would post to that page in turn, and its
            // antiforgery check would throw on the form the first pass already found invalid.
            pages.UseWhen(c => HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method),
                reads => reads.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Routing after the handlers above, so that even routing failures answer API callers with problem details.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    private static bool IsApi(HttpContext context) => ApiPaths.Contains(context.Request.Path);

    public static WebApplication MapEpsEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapPrescriptionEndpoints();
        app.MapJwksEndpoints();
        app.MapQueueEndpoints();
        app.MapRegisterEndpoints();
        app.MapAuditEndpoints();
        app.MapCatalogueEndpoints();
        app.MapTokenEndpoints();
        app.MapPatientEndpoints();
        app.MapLookupEndpoints();
        app.MapTriageEndpoints();
        app.MapProviderEndpoints();
        app.MapApiKeyEndpoints();
        app.MapFhirEndpoints();
        app.MapEpsOpenApi();
        return app;
    }
}
