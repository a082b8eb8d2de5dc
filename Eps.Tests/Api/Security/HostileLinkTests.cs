using System.Net;
using Eps.Core.Data.Seed;
using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api.Security;

/// <summary>
/// Hand-edited links and return URLs on the paths the generated input rarely reaches: a successful sign-in or sign-out,
/// an emailed link for a real account. Never a 5xx, never a redirect off the site.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class HostileLinkTests(FuzzHost fuzz)
{
    public static TheoryData<string> ReturnUrls =>
    [
        "https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "/é?q=ü",
        "requests?x=<script>", "\u202Eevil", "%00", "/Account/Manage",
    ];

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task Signing_in_with_a_hostile_return_url_lands_inside_the_app(string returnUrl)
    {
        await fuzz.StateAsync();
        using var client = fuzz.App.NewClient();
        var token = await FuzzForms.TokenAsync(client, await client.GetStringAsync("/Account/Login"));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [FuzzForms.TokenField] = token, ["_handler"] = "login", ["Input.Email"] = FuzzCatalog.Managed, ["Input.Password"] = DemoData.Password,
        });

        using var response = await client.PostAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), form);

        await AssertStaysOnSiteAsync(response);
    }

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task Signing_out_with_a_hostile_return_url_lands_inside_the_app(string returnUrl)
    {
        await fuzz.StateAsync();
        using var client = await Login.AsAsync(fuzz.App, FuzzCatalog.Managed);
        var token = await FuzzForms.TokenAsync(client, "");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { [FuzzForms.TokenField] = token, ["ReturnUrl"] = returnUrl });

        // The cookie handler also honours ?ReturnUrl= on the sign-out path.
        using var response = await client.PostAsync("/Account/Logout?ReturnUrl=" + Uri.EscapeDataString(returnUrl), form);

        await AssertStaysOnSiteAsync(response);
    }

    [Theory]
    [InlineData("/Account/ConfirmEmail?userId={0}&code=%21%21%21")]
    [InlineData("/Account/ConfirmEmailChange?userId={0}&email=x%40eps.test&code=%21%21%21")]
    [InlineData("/Account/ResetPassword?code=%00%ZZ")]
    [InlineData("/Account/LoginWith2fa?RememberMe=maybe")]
    public async Task A_mangled_emailed_link_gets_a_page_not_an_error(string link)
    {
        var state = await fuzz.StateAsync();
        using var client = fuzz.App.NewClient();

        using var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, link, state.ManagedUserId));

        Assert.Null(Fuzz.Problem(response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    private async Task AssertStaysOnSiteAsync(HttpResponseMessage response)
    {
        Assert.Null(Fuzz.Problem(response.StatusCode, await response.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(fuzz.App.BaseAddress, response.Headers.Location!);
        Assert.Equal(fuzz.App.BaseAddress.GetLeftPart(UriPartial.Authority), target.GetLeftPart(UriPartial.Authority));
    }
}
