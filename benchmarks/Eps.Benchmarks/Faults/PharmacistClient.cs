using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Eps.Core.Data.Seed;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// A pharmacist's session against one app instance: signs in through the Identity login form (antiforgery token
/// included) and calls <c>POST /api/prescriptions/dispense/</c> as the queue page's counter would.
/// </summary>
internal sealed partial class PharmacistClient : IDisposable
{
    public const string LagosPharmacist = "pharmacist.lagos@eps.test";

    private readonly HttpClient _http;

    public PharmacistClient(string baseUrl, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        var handler = new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 };
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(100) };
    }

    /// <summary>The session cookies; a client of another instance may share them.</summary>
    public CookieContainer Cookies { get; }

    public async Task SignInAsync(string email = LagosPharmacist)
    {
        var page = await _http.GetStringAsync("/Account/Login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = DemoData.Password,
            ["Input.RememberMe"] = "false",
        });
        using var response = await _http.PostAsync("/Account/Login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}");
        }
    }

    /// <summary>True when this instance accepts the session (e.g. a cookie issued by another instance).</summary>
    public async Task<bool> IsSignedInAsync()
    {
        using var response = await _http.GetAsync("/api/pharmacy/queue?page_size=1");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Dispenses a routine prescription at the Lagos pharmacy; returns the HTTP status code.</summary>
    public async Task<int> DispenseAsync(string prescriptionId, Guid nonce, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/prescriptions/dispense/", new Dictionary<string, object>
        {
            ["prescription_id"] = prescriptionId,
            ["nonce"] = nonce,
            ["pharmacy_code"] = Prescriber.Lagos,
            ["pharmacist_name"] = "Funmilayo Adeyemi",
            ["verification_notes"] = "Collected in person",
        }, cancellationToken);
        return (int)response.StatusCode;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
