using Eps.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Eps.Tests.Core.Accounts;

/// <summary>The one rule behind forgot-password and resend-confirmation, under each Identity sign-in setting.</summary>
public sealed class AccountRecoveryTests
{
    private static EpsUser User(bool confirmed, string email = "ada@example.com") => new() { Email = email, EmailConfirmed = confirmed };

    [Theory]
    [InlineData(false, false, RecoveryEmail.PasswordReset)] // confirmation optional: an unconfirmed email still gets the reset link
    [InlineData(false, true, RecoveryEmail.PasswordReset)]
    [InlineData(true, true, RecoveryEmail.PasswordReset)]
    [InlineData(true, false, RecoveryEmail.EmailConfirmation)] // required: the link that lets them in comes first
    public void Forgot_password_sends_what_the_configured_sign_in_lets_the_person_use(bool required, bool confirmed, RecoveryEmail expected)
    {
        var signIn = new SignInOptions { RequireConfirmedAccount = required };
        Assert.Equal(expected, AccountRecovery.ForForgottenPassword(signIn, User(confirmed)));
    }

    [Fact]
    public void Requiring_a_confirmed_email_counts_as_requiring_confirmation()
    {
        var signIn = new SignInOptions { RequireConfirmedEmail = true };
        Assert.Equal(RecoveryEmail.EmailConfirmation, AccountRecovery.ForForgottenPassword(signIn, User(confirmed: false)));
    }

    [Fact]
    public void No_account_and_a_closed_account_get_nothing()
    {
        var closed = User(confirmed: false, email: "closed-0f3a" + AccountClosure.PlaceholderDomain);

        Assert.Equal(RecoveryEmail.None, AccountRecovery.ForForgottenPassword(new SignInOptions(), null));
        Assert.Equal(RecoveryEmail.None, AccountRecovery.ForForgottenPassword(new SignInOptions(), closed));
        Assert.Equal(RecoveryEmail.None, AccountRecovery.ForResendConfirmation(closed));
        Assert.Equal(RecoveryEmail.None, AccountRecovery.ForResendConfirmation(null));
    }

    [Fact]
    public void Resend_confirmation_mails_only_an_unconfirmed_address()
    {
        Assert.Equal(RecoveryEmail.EmailConfirmation, AccountRecovery.ForResendConfirmation(User(confirmed: false)));
        Assert.Equal(RecoveryEmail.None, AccountRecovery.ForResendConfirmation(User(confirmed: true)));
    }
}
