using System.Net;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Api.Accounts.AccountForms;

namespace Eps.Tests.Api.Accounts;

/// <summary>
/// Forgot-password and resend-confirmation follow the email confirmation the app is configured with: with confirmation
/// optional (the default) a patient who never confirmed still gets a reset link; with it required they get the
/// confirmation link instead. Neither page tells whether an account exists.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PasswordRecoveryTests(EpsApp app)
{
    [Fact]
    public async Task An_unconfirmed_patient_resets_their_password_by_the_emailed_link_and_signs_in_with_it()
    {
        var email = NewEmail();
        using (var registering = app.NewClient())
        {
            Redirected(await RegisterAsync(registering, email), "/");
        }

        using var client = app.NewClient();
        Redirected(await PostAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email }), "Account/ForgotPasswordConfirmation");

        var reset = Assert.Single(await MailToAsync(app, email), m => m.Kind == "account.reset-link");
        var done = await PostAsync(client, LinkIn(reset), "reset-password", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = "N3w-password!", ["Input.ConfirmPassword"] = "N3w-password!",
            ["Input.Code"] = await CodeOnPageAsync(client, LinkIn(reset)),
        });
        Redirected(done, "Account/ResetPasswordConfirmation");

        Assert.Equal(HttpStatusCode.Redirect, (await Login.SignInAsync(app.NewClient(), email, "N3w-password!")).StatusCode);
        Assert.Contains("Invalid login attempt", await (await Login.SignInAsync(app.NewClient(), email, Password)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await app.NewDbAsync();
        Assert.True(await db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()); // the link proved the mailbox
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_email()
    {
        var email = NewEmail();
        using var client = app.NewClient();

        Redirected(await PostAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email }), "Account/ForgotPasswordConfirmation");
        var resend = await PostAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = email });

        Assert.Contains("If that email belongs to an account", await resend.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await MailToAsync(app, email));
    }

    [Fact]
    public async Task Resending_the_confirmation_mails_an_unconfirmed_address_only()
    {
        var email = NewEmail();
        using (var registering = app.NewClient())
        {
            await RegisterAsync(registering, email);
        }

        using var client = app.NewClient();
        var before = (await MailToAsync(app, email)).Count(m => m.Kind == "account.confirm");
        var unconfirmed = await PostAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = email });
        var confirmed = await PostAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = "patient2@eps.test" });

        Assert.Equal(before + 1, (await MailToAsync(app, email)).Count(m => m.Kind == "account.confirm"));
        Assert.DoesNotContain(await MailToAsync(app, "patient2@eps.test"), m => m.Kind == "account.confirm");
        // The same words either way: the answer tells nothing about the account.
        Assert.Contains("If that email belongs to an account", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("If that email belongs to an account", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_confirmation_is_required_forgot_password_sends_the_confirmation_link_and_the_link_lets_the_patient_in()
    {
        using var strict = new EpsApp { Options = EpsAppOptions.Default.With("Accounts:RequireConfirmedEmail", "true") };
        var email = NewEmail();
        using var client = strict.NewClient();

        Redirected(await RegisterAsync(client, email), "Account/RegisterConfirmation");
        var refused = await Login.SignInAsync(strict.NewClient(), email, Password);
        Assert.Contains("confirm your email first", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Redirected(await PostAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email }), "Account/ForgotPasswordConfirmation");
        var mail = await MailToAsync(strict, email);
        Assert.DoesNotContain(mail, m => m.Kind == "account.reset-link");
        Assert.Equal(2, mail.Count(m => m.Kind == "account.confirm")); // at registration, and instead of the reset link

        var confirmed = await client.GetStringAsync(LinkIn(mail[^1]));
        Assert.Contains("your email is confirmed", confirmed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Login.SignInAsync(strict.NewClient(), email, Password)).StatusCode);
    }

    private static async Task<string> CodeOnPageAsync(HttpClient client, string link)
    {
        var html = await client.GetStringAsync(link);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Code\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "The reset page carries no code.");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
