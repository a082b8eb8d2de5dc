using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Security;

/// <summary>
/// Every endpoint and routable page, found from the app's own endpoint metadata, checked for anonymous and each role
/// against <see cref="Matrix"/>. A route missing from the matrix fails, so no page or API ships without a decision on
/// who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests(EpsApp app) : IClassFixture<EpsApp>
{
    [Flags]
    private enum Who
    {
        Anonymous = 1, Patient = 2, Pharmacist = 4, Doctor = 8, Admin = 16,
        Signed = Patient | Pharmacist | Doctor | Admin,
        Everyone = Anonymous | Signed,
    }

    /// <summary>
    /// Ok: 200. BadRequest: 400 (past authorization, stopped by validation). Open: let through by authorization, whatever
    /// the page then does (the Identity template's pages redirect, or throw, when the query or 2FA state they expect is
    /// missing). SignIn: the challenge, 302 to /Account/Login?ReturnUrl=…, or 401 for /api. Denied: 302 to
    /// /Account/AccessDenied?ReturnUrl=…, or 403 for /api.
    /// </summary>
    private enum Expect { Ok, BadRequest, Open, SignIn, Denied }

    /// <summary>A route and who may use it; everyone else is sent to sign in (anonymous) or denied (other roles).</summary>
    private sealed record Row(string Method, string Route, Who Allowed, Expect WhenAllowed = Expect.Ok, string Query = "", string? Body = null)
    {
        public string Key => $"{Method} {Route}";

        public Expect For(Who caller) => Allowed.HasFlag(caller) ? WhenAllowed : caller == Who.Anonymous ? Expect.SignIn : Expect.Denied;
    }

    private const string Period = "?from=2026-11-01&to=2026-11-30";

    private static Row Page(string route, Who allowed, Expect whenAllowed = Expect.Ok) => new("GET", route, allowed, whenAllowed);

    private static readonly Row[] Matrix =
    [
        // Public
        Page("/", Who.Everyone),
        Page("/not-found", Who.Everyone),
        Page("/Error", Who.Everyone),
        new("GET", "/.well-known/jwks.json", Who.Everyone),
        new("POST", "/api/prescriptions/verify", Who.Everyone, Body: """{"token":"EPS1:NOT-A-TOKEN","pharmacy_code":"PHB-PH-100101"}"""),
        new("POST", "/api/auth/token", Who.Everyone, Expect.BadRequest, Body: "{}"),
        new("POST", "/api/auth/refresh", Who.Everyone, Expect.BadRequest, Body: "{}"),
        new("GET", "/openapi/{documentName}.json", Who.Everyone),
        // The API reference (Development only, as these tests run)
        new("GET", "/scalar/{documentName?}", Who.Everyone),
        new("GET", "/scalar/favicon.svg", Who.Everyone),
        new("GET", "/scalar/scalar.aspnetcore.js", Who.Everyone),
        new("GET", "/scalar/scalar.js", Who.Everyone),

        // Any signed-in user; what they see is decided by relationship (see the IDOR test)
        Page("/prescriptions/{RxNumber}/token", Who.Signed),
        Page("/prescriptions/request/{Reference}/tokens", Who.Signed),
        new("GET", "/api/prescriptions/{prescriptionId}/verification-log", Who.Signed),
        new("GET", "/api/drugs", Who.Signed),
        new("GET", "/api/pharmacies", Who.Signed),
        new("GET", "/fhir/MedicationRequest/{prescriptionId}", Who.Signed),
        new("GET", "/fhir/MedicationRequest", Who.Signed, Query: "?group-identifier=REQ-20260101-NONE1"),
        // Not dispensed: every entitled caller gets FHIR's 404 (the IDOR and FHIR tests cover a dispensed one).
        new("GET", "/fhir/MedicationDispense/{prescriptionId}", Who.Signed, Expect.Open),

        // Patient
        Page("/requests/new", Who.Patient),
        Page("/requests", Who.Patient),
        Page("/prescriptions", Who.Patient),
        new("POST", "/api/prescriptions/requests", Who.Patient, Expect.BadRequest, Body: "{}"),
        new("GET", "/api/prescriptions/requests", Who.Patient),
        new("POST", "/api/prescriptions/requests/{reference}/withdraw", Who.Patient, Expect.Open),
        new("GET", "/api/medications", Who.Patient),

        // Pharmacist
        Page("/pharmacy/triage", Who.Pharmacist),
        Page("/pharmacy/queue", Who.Pharmacist),
        Page("/pharmacy/register", Who.Pharmacist),
        Page("/pharmacy/analytics", Who.Pharmacist),
        new("POST", "/api/prescriptions/dispense", Who.Pharmacist, Expect.BadRequest, Body: "{}"),
        new("GET", "/api/pharmacy/queue", Who.Pharmacist),
        new("POST", "/api/pharmacy/prescriptions/{prescriptionId}/ready", Who.Pharmacist),
        new("GET", "/api/register.csv", Who.Pharmacist | Who.Admin, Query: Period),
        new("GET", "/api/pharmacy/requests", Who.Pharmacist),
        new("POST", "/api/pharmacy/requests/{id:int}/forward", Who.Pharmacist, Expect.Open),
        new("POST", "/api/pharmacy/requests/{id:int}/escalate", Who.Pharmacist, Expect.BadRequest, Body: "{}"),
        new("POST", "/api/pharmacy/requests/{id:int}/reject", Who.Pharmacist, Expect.BadRequest, Body: "{}"),

        // Doctor
        Page("/doctor/reviews", Who.Doctor),
        Page("/doctor/reviews/{RequestId:int}", Who.Doctor),
        Page("/doctor/prescriptions", Who.Doctor),
        new("GET", "/api/provider/prescriptions", Who.Doctor),
        new("GET", "/api/provider/prescriptions/{id:int}", Who.Doctor),
        new("POST", "/api/provider/prescriptions/{id:int}/approve", Who.Doctor, Expect.BadRequest, Body: "{}"),
        new("POST", "/api/provider/prescriptions/{id:int}/reject", Who.Doctor, Expect.BadRequest, Body: "{}"),
        new("GET", "/api/provider/medications", Who.Doctor),
        new("POST", "/api/provider/medications/{prescriptionId}/cancel", Who.Doctor, Expect.BadRequest, Body: "{}"),

        // Admin
        Page("/admin/security", Who.Admin),
        Page("/admin/analytics", Who.Admin),
        Page("/admin/compliance", Who.Admin),
        Page("/admin/outbox", Who.Admin),
        Page("/admin/keys", Who.Admin),
        Page("/admin/staff", Who.Admin),
        Page("/admin/staff/{Id}", Who.Admin),
        Page("/admin/audit", Who.Admin),
        new("GET", "/api/audit.csv", Who.Admin, Query: Period),
        Page("/admin/pharmacies", Who.Admin),
        Page("/admin/drugs", Who.Admin),
        new("GET", "/api/admin/drugs.csv", Who.Admin),
        new("GET", "/api/admin/pharmacies/{code}/api-keys", Who.Admin),
        new("POST", "/api/admin/pharmacies/{code}/api-keys", Who.Admin, Expect.BadRequest, Body: "{}"),
        new("POST", "/api/admin/api-keys/{id:int}/revoke", Who.Admin, Expect.Open),

        // Identity (template): open to anonymous callers...
        .. new[]
        {
            "AccessDenied", "ConfirmEmail", "ConfirmEmailChange", "ForgotPassword", "ForgotPasswordConfirmation",
            "InvalidPasswordReset", "InvalidUser", "Lockout", "Login", "LoginWith2fa", "LoginWithRecoveryCode", "Register",
            "RegisterConfirmation", "ResendEmailConfirmation", "ResetPassword", "ResetPasswordConfirmation",
        }.Select(p => Page("/Account/" + p, Who.Everyone, Expect.Open)),
        new("POST", "/Account/Logout", Who.Everyone, Expect.Open),

        // ...except account management, for any signed-in user
        .. new[]
        {
            "", "/ChangePassword", "/DeletePersonalData", "/Disable2fa", "/Email", "/EnableAuthenticator",
            "/GenerateRecoveryCodes", "/PersonalData", "/ResetAuthenticator", "/TwoFactorAuthentication",
        }.Select(p => Page("/Account/Manage" + p, Who.Signed, Expect.Open)),
        new("POST", "/Account/Manage/DownloadPersonalData", Who.Signed, Expect.Open),
    ];

    private static readonly (Who Who, string? Email)[] Callers =
    [
        (Who.Anonymous, null), (Who.Patient, "patient@eps.test"), (Who.Pharmacist, "pharmacist.lagos@eps.test"),
        (Who.Doctor, "doctor@eps.test"), (Who.Admin, "admin@eps.test"),
    ];

    [Fact]
    public void Every_endpoint_and_page_of_the_app_is_in_the_matrix_and_every_row_still_exists()
    {
        var discovered = AppEndpoints.Of(app).SelectMany(Keys).ToHashSet();
        var expected = Matrix.Select(r => r.Key).ToHashSet();

        Assert.Equal(Matrix.Length, expected.Count); // no duplicate rows
        var unlisted = discovered.Except(expected).Order().ToList();
        Assert.True(unlisted.Count == 0, "Add these routes to the authorization matrix with who may use them:\n" + string.Join('\n', unlisted));
        var gone = expected.Except(discovered).Order().ToList();
        Assert.True(gone.Count == 0, "These matrix rows no longer match an endpoint:\n" + string.Join('\n', gone));
    }

    [Fact]
    public async Task Anonymous_callers_and_each_role_get_exactly_the_outcome_the_matrix_expects()
    {
        var rx = await Scenario.IssueAsync(app.Services);
        var values = new Dictionary<string, string>
        {
            ["RxNumber"] = rx.RxNumber, ["prescriptionId"] = rx.RxNumber,
            ["RequestId"] = rx.RequestId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Id"] = "no-such-passkey",
            ["id"] = rx.RequestId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reference"] = "REQ-20260101-NONE1",
            ["code"] = Scenario.Lagos, ["documentName"] = "v1", ["Reference"] = "REQ-20260101-NONE1",
        };
        var failures = new List<string>();
        foreach (var (who, email) in Callers)
        {
            using var client = await Login.AsOrAnonymousAsync(app, email);
            foreach (var row in Matrix)
            {
                using var response = await SendAsync(client, row.Method, Fill(row.Route, values) + row.Query, row.Body);
                var expected = row.For(who);
                if (Mismatch(expected, response, IsApi(row.Route)) is { } actual)
                {
                    failures.Add($"{who,-10} {row.Key}: expected {expected}, got {actual}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Another_patients_or_another_pharmacys_resources_are_never_shown()
    {
        var lagos = await Scenario.IssueAsync(app.Services);
        var abuja = await Scenario.IssueAsync(app.Services, pharmacyCode: Scenario.Abuja, patientEmail: "patient2@eps.test");
        var token = $"/prescriptions/{lagos.RxNumber}/token";
        string reference;
        await using (var read = await app.NewDbAsync())
        {
            reference = await read.PrescriptionRequests.Where(r => r.Id == lagos.RequestId).Select(r => r.Reference).SingleAsync();
        }

        var tokens = $"/prescriptions/request/{reference}/tokens";
        var log = $"/api/prescriptions/{lagos.RxNumber}/verification-log";

        // Positive control: the owner sees the QR, so its absence below means something.
        Assert.Contains(TokenQr, await PageAsync("patient@eps.test", token), StringComparison.Ordinal);
        Assert.Contains(TokenQr, await PageAsync("patient@eps.test", tokens), StringComparison.Ordinal);
        foreach (var stranger in new[] { "patient2@eps.test", "pharmacist.abuja@eps.test" })
        {
            var html = await PageAsync(stranger, token);
            Assert.DoesNotContain(TokenQr, html, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"token-not-found\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain(lagos.Token, html, StringComparison.Ordinal);
            var all = await PageAsync(stranger, tokens);
            Assert.DoesNotContain(TokenQr, all, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"tokens-not-found\"", all, StringComparison.Ordinal);

            using var client = await Login.AsAsync(app, stranger);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(log)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/MedicationRequest/{lagos.RxNumber}")).StatusCode);
        }

        using var abujaDesk = await Login.AsAsync(app, "pharmacist.abuja@eps.test");
        var queue = await abujaDesk.GetFromJsonAsync<JsonElement>("/api/pharmacy/queue?page_size=100");
        var shown = queue.GetProperty("prescriptions").EnumerateArray().Select(p => p.GetProperty("prescription_id").GetString()).ToList();
        Assert.Contains(abuja.RxNumber, shown);
        await using var db = await app.NewDbAsync();
        var lagosRows = await db.Prescriptions.Where(p => p.PharmacyId == lagos.PharmacyId).Select(p => p.RxNumber).ToListAsync();
        Assert.Contains(lagos.RxNumber, lagosRows);
        Assert.Empty(shown.Intersect(lagosRows));
    }

    /// <summary>Routes that answer 401/403 instead of redirecting to the sign-in page: the API and the FHIR export.</summary>
    private static bool IsApi(string route) =>
        route.StartsWith("/api/", StringComparison.Ordinal) || route.StartsWith("/fhir/", StringComparison.Ordinal);

    private const string TokenQr = "data-testid=\"token-qr\"";

    private async Task<string> PageAsync(string email, string path)
    {
        using var client = await Login.AsAsync(app, email);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Matrix keys of an endpoint. A page is keyed and probed by GET only: its form POSTs share the endpoint and its authorization.</summary>
    private static IEnumerable<string> Keys(RouteEndpoint endpoint)
    {
        var route = AppEndpoints.Route(endpoint);
        var methods = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? ["GET"]
            : endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
        return methods.Select(m => $"{m} {route}");
    }

    private static string Fill(string route, Dictionary<string, string> values) =>
        AppEndpoints.RouteParameter().Replace(route, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? Uri.EscapeDataString(value)
            : throw new InvalidOperationException($"No test value for route parameter '{m.Groups[1].Value}' of {route}: add one."));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? json)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    /// <summary>Null when the response is what <paramref name="expected"/> means; otherwise what came instead.</summary>
    private string? Mismatch(Expect expected, HttpResponseMessage response, bool api)
    {
        var status = (int)response.StatusCode;
        var target = response.Headers.Location is { } l ? new Uri(app.BaseAddress, l) : null;
        var location = target?.AbsolutePath;
        // The cookie handler's redirects carry ReturnUrl; a page's own redirect to the sign-in page (with a status message) does not.
        var challenge = status == 302 && target!.Query.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase);
        var signIn = api ? status == 401 : challenge && location == "/Account/Login";
        var denied = api ? status == 403 : challenge && location == "/Account/AccessDenied";
        var met = expected switch
        {
            Expect.Ok => status == 200,
            Expect.BadRequest => status == 400,
            Expect.Open => !signIn && !denied && status is not (401 or 403),
            Expect.SignIn => signIn,
            Expect.Denied => denied,
            _ => false,
        };
        return met ? null : status + (location is null ? "" : " → " + location);
    }
}
