using Microsoft.AspNetCore.Identity;

namespace Eps.Core.Accounts;

/// <summary>Which email an account-recovery form sends; the page answers the same whichever it is.</summary>
public enum RecoveryEmail
{
    /// <summary>Nothing: no such account, or nothing to do for it.</summary>
    None,
    PasswordReset,
    EmailConfirmation,
}

/// <summary>
/// One rule for forgot-password and resend-confirmation, read from the Identity options in force: a password reset is
/// refused to an unconfirmed email only when sign-in requires a confirmed one, and then the confirmation link is sent
/// instead, so the person always gets the email that lets them in.
/// </summary>
public static class AccountRecovery
{
    public static bool ConfirmationRequired(SignInOptions signIn) => signIn.RequireConfirmedAccount || signIn.RequireConfirmedEmail;

    public static RecoveryEmail ForForgottenPassword(SignInOptions signIn, EpsUser? user) => user switch
    {
        null => RecoveryEmail.None,
        _ when IsClosed(user) => RecoveryEmail.None,
        { EmailConfirmed: false } when ConfirmationRequired(signIn) => RecoveryEmail.EmailConfirmation,
        _ => RecoveryEmail.PasswordReset,
    };

    public static RecoveryEmail ForResendConfirmation(EpsUser? user) =>
        user is { EmailConfirmed: false } && !IsClosed(user) ? RecoveryEmail.EmailConfirmation : RecoveryEmail.None;

    /// <summary>A closed account keeps its row for the records and can never sign in again.</summary>
    public static bool IsClosed(EpsUser user) => user.Email?.EndsWith(AccountClosure.PlaceholderDomain, StringComparison.Ordinal) == true;
}
