namespace Eps.Core.Accounts;

/// <summary>How self-service accounts behave (section <c>Accounts</c>).</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>
    /// A new account must confirm its email before it can sign in. Off by default: a patient registers and is signed in
    /// at once, and the confirmation email is a courtesy.
    /// </summary>
    public bool RequireConfirmedEmail { get; set; }
}
