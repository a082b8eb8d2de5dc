using System.Net.Mail;
using Eps.Core.Accounts;

namespace Eps.Core.Administration;

/// <summary>What staff administration accepts, and the names of its audit entries and form fields.</summary>
public static class StaffRules
{
    /// <summary>The roles an admin grants and revokes; patients register themselves.</summary>
    public static IReadOnlyList<string> StaffRoles { get; } = [Roles.Doctor, Roles.Pharmacist, Roles.Admin];

    public const int RegistrationNumberLength = 32;
    public const int NameLength = 200;

    public const string EmailField = "email";
    public const string NameField = "full_name";
    public const string RoleField = "role";
    public const string PharmacyField = "pharmacy";
    public const string RegistrationNumberField = "registration_number";

    public const string RoleGranted = "role_granted";
    public const string RoleRevoked = "role_revoked";
    public const string PharmacyAssigned = "pharmacy_assigned";
    public const string RegistrationNumberSet = "registration_number_set";
    public const string AccountLocked = "account_locked";
    public const string AccountUnlocked = "account_unlocked";
    public const string AuthenticatorReset = "authenticator_reset";
    public const string StaffInvited = "staff_invited";
    public const string InvitationResent = "invitation_resent";
    public const string AdminCreated = "admin_created";

    /// <summary>A trimmed, well-formed email address, or null.</summary>
    public static string? Email(string? input)
    {
        var email = input?.Trim();
        return !string.IsNullOrEmpty(email) && email.Length <= 256 && MailAddress.TryCreate(email, out var parsed)
            && parsed.Address == email && string.IsNullOrEmpty(parsed.DisplayName) && email.Contains('.', StringComparison.Ordinal)
            ? email
            : null;
    }

    /// <summary>A trimmed full name, or null when empty or too long.</summary>
    public static string? Name(string? input) =>
        input?.Trim() is { Length: > 0 and <= NameLength } name && !name.Any(char.IsControl) ? name : null;

    /// <summary>A trimmed medical council registration number (letters, digits, "/", "-", spaces), or null.</summary>
    public static string? RegistrationNumber(string? input) =>
        input?.Trim() is { Length: > 0 and <= RegistrationNumberLength } number
            && number.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or ' ')
            ? number
            : null;

    public const string RegistrationNumberHint = "Enter the medical council registration number (letters, digits, / and -), e.g. MDCN/R/48213.";
}
