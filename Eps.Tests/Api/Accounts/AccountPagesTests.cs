using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Eps.Tests.Infrastructure;
using static Eps.Tests.Api.Accounts.AccountForms;

namespace Eps.Tests.Api.Accounts;

/// <summary>
/// The account pages as the server sends them (static rendering, no circuit): the app's MudBlazor look inside its
/// layout, no Bootstrap template markup, no developer text, every field labelled, and validation shown by the field.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AccountPagesTests(EpsApp app)
{
    public static TheoryData<string> SignedOutPages =>
    [
        "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ForgotPasswordConfirmation",
        "/Account/ResendEmailConfirmation", "/Account/ResetPassword?code=Zm9v", "/Account/ResetPasswordConfirmation",
        "/Account/RegisterConfirmation", "/Account/Lockout", "/Account/AccessDenied", "/Account/InvalidPasswordReset",
        "/Account/ConfirmEmail?userId=nobody&code=Zm9v",
    ];

    public static TheoryData<string> ManagePages =>
    [
        "/Account/Manage", "/Account/Manage/Email", "/Account/Manage/ChangePassword", "/Account/Manage/TwoFactorAuthentication",
        "/Account/Manage/EnableAuthenticator", "/Account/Manage/PersonalData", "/Account/Manage/DeletePersonalData",
        "/Account/Manage/ResetAuthenticator",
    ];

    /// <summary>Template and framework chatter that has no place in front of a patient.</summary>
    private static readonly string[] DeveloperText =
    [
        "external authentication", "external login", "another service", "passkey", "See this article", "go.microsoft.com",
        "Microsoft.AspNetCore.Identity.UI", "learn how", "Privacy and cookie policy", "glyphicon", "local account",
    ];

    /// <summary>Bootstrap's classes, which the app no longer loads.</summary>
    private static readonly string[] BootstrapClasses = ["form-control", "form-floating", "btn", "btn-primary", "row", "col-md-4", "col-lg-6", "alert-danger", "text-danger"];

    [Theory]
    [MemberData(nameof(SignedOutPages))]
    public async Task A_signed_out_page_has_the_app_look_and_no_developer_text(string path)
    {
        using var client = app.NewClient();
        using var response = await client.GetAsync(path);
        AssertStyled(path, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ManagePages))]
    public async Task An_account_settings_page_has_the_app_look_and_no_developer_text(string path)
    {
        using var client = await Login.AsAsync(app, "admin@eps.test");
        var html = await client.GetStringAsync(path);
        AssertStyled(path, html);
        var nav = Parse(html).QuerySelector("nav.mud-navmenu")!;
        Assert.NotNull(nav);
        if (nav.QuerySelector($"a[href='{path.TrimStart('/')}']") is { } own)
        {
            Assert.Contains("active", own.ClassList);
        }
    }

    [Fact]
    public async Task A_form_posted_empty_shows_each_message_under_its_field()
    {
        using var client = app.NewClient();
        var response = await PostAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = "", ["Input.Password"] = "" });

        var page = Parse(await response.Content.ReadAsStringAsync());
        var email = page.GetElementById("Input.Email")!;
        Assert.Equal("true", email.GetAttribute("aria-invalid"));
        var help = page.GetElementById(email.GetAttribute("aria-describedby")!)!;
        Assert.Equal("Enter your email.", help.TextContent.Trim());
        Assert.Contains("mud-input-error", help.QuerySelector("p")!.ClassList);
        Assert.Contains("mud-input-error", email.Closest(".mud-input-control")!.ClassList);
        Assert.Contains("Enter your password.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_patient_sees_their_hpn_on_the_account_page_in_the_app_look()
    {
        using var client = app.NewClient();
        Redirected(await RegisterAsync(client, NewEmail(), phone: ""), "/");

        var page = Parse(await client.GetStringAsync("/Account/Manage"));

        var hpn = page.QuerySelector("[data-testid=account-hpn]")!;
        Assert.Contains("mud-alert", hpn.ClassList);
        Assert.Matches("[0-9]{3} [0-9]{3} [0-9]{4}", hpn.TextContent);
        Assert.Equal("", page.GetElementById("Input.PhoneNumber")!.GetAttribute("value") ?? "");
    }

    private static void AssertStyled(string path, string html)
    {
        var page = Parse(html);
        Assert.True(page.QuerySelector("header.mud-appbar") is not null, $"{path}: not inside the app's layout");
        Assert.True(page.QuerySelector(".mud-paper") is not null, $"{path}: no MudPaper card");
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.DoesNotContain(page.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.Contains("bootstrap", StringComparison.Ordinal));
        var bootstrap = page.QuerySelectorAll("[class]").SelectMany(e => e.ClassList).Intersect(BootstrapClasses).ToList();
        Assert.True(bootstrap.Count == 0, $"{path}: Bootstrap classes {string.Join(", ", bootstrap)}");
        var text = page.Body!.TextContent;
        foreach (var chatter in DeveloperText)
        {
            Assert.False(text.Contains(chatter, StringComparison.OrdinalIgnoreCase) || html.Contains(chatter, StringComparison.OrdinalIgnoreCase),
                $"{path}: developer text '{chatter}'");
        }

        foreach (var input in page.QuerySelectorAll("form input:not([type=hidden])"))
        {
            var id = input.Id;
            Assert.True(!string.IsNullOrEmpty(id) && page.QuerySelector($"label[for='{id}']") is not null,
                $"{path}: input {input.GetAttribute("name")} has no label");
        }

        foreach (var button in page.QuerySelectorAll("form button"))
        {
            Assert.Contains("mud-button-root", button.ClassList);
        }
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
