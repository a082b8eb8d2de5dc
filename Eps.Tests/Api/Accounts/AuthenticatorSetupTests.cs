using System.Net;
using System.Text.RegularExpressions;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Accounts;

/// <summary>A doctor sets up an authenticator to sign controlled drugs, and gets back to the review they came from.</summary>
public sealed partial class AuthenticatorSetupTests(EpsApp app) : IClassFixture<EpsApp>
{
    private const string Page = "/Account/Manage/EnableAuthenticator?returnUrl=%2Fdoctor%2Freviews%2F7";

    [Fact]
    public async Task The_page_shows_a_qr_code_and_after_the_first_code_offers_the_way_back_to_the_review()
    {
        using var doctor = await Login.AsAsync(app, "doctor@eps.test");

        var html = await doctor.GetStringAsync(Page);

        Assert.Contains("data-testid=\"authenticator-qr\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("enable QR code generation", html, StringComparison.Ordinal);
        var key = SharedKey().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

        var response = await doctor.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Login.AntiforgeryTokenIn(html)!,
            ["_handler"] = "send-code",
            ["Input.Code"] = code,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/doctor/reviews/7\"", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_address_outside_the_app_is_not_offered()
    {
        using var admin = await Login.AsAsync(app, "admin@eps.test"); // no authenticator yet, so signed in by password alone

        using var response = await admin.GetAsync("/Account/Manage/EnableAuthenticator?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("href=\"https://evil.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator-return", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<kbd[^>]*>([a-z0-9 ]+)</kbd>")]
    private static partial Regex SharedKey();
}
