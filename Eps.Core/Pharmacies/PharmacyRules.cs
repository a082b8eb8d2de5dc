using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Eps.Core.Pharmacies;

/// <summary>A pharmacy as the admin's form enters it.</summary>
public sealed record PharmacyDraft(
    string Code, string Name, string Address, string City, string Postcode, string Phone, string Email, string? OpeningHours = null)
{
    public static PharmacyDraft Of(Pharmacy p) => new(p.Code, p.Name, p.Address, p.City, p.Postcode, p.Phone, p.Email, p.OpeningHours);

    /// <summary>Trimmed, the code in capitals, blank opening hours as none: the form the rules check and the database keeps.</summary>
    public PharmacyDraft Normalized() => new(
        (Code ?? "").Trim().ToUpperInvariant(), (Name ?? "").Trim(), (Address ?? "").Trim(), (City ?? "").Trim(),
        (Postcode ?? "").Trim(), (Phone ?? "").Trim(), (Email ?? "").Trim(),
        string.IsNullOrWhiteSpace(OpeningHours) ? null : OpeningHours.Trim());
}

/// <summary>The pharmacy form's rules, field by field; keys are the form's field names.</summary>
public static partial class PharmacyRules
{
    public const string CodePrefix = "PHB-PH-";
    public const int OpeningHoursMaxLength = 200;

    [GeneratedRegex(@"^PHB-PH-[0-9]{6}$")]
    private static partial Regex CodeFormat();

    [GeneratedRegex(@"^[0-9]{6}$")]
    private static partial Regex PostcodeFormat();

    [GeneratedRegex(@"^\+?[0-9]{7,15}$")]
    private static partial Regex PhoneDigits();

    public static bool IsCode(string? code) => code is not null && CodeFormat().IsMatch(code);

    /// <summary>Checks a normalized draft (<see cref="PharmacyDraft.Normalized"/>).</summary>
    public static Dictionary<string, string> Validate(PharmacyDraft draft)
    {
        var errors = new Dictionary<string, string>();
        if (!IsCode(draft.Code))
        {
            errors["code"] = $"The code is {CodePrefix} followed by six digits, like {CodePrefix}100101.";
        }

        Require(errors, "name", draft.Name, 200, "Enter the pharmacy's name");
        Require(errors, "address", draft.Address, 300, "Enter the street address");
        Require(errors, "city", draft.City, 100, "Enter the city");
        if (!PostcodeFormat().IsMatch(draft.Postcode))
        {
            errors["postcode"] = "Enter the six-digit postcode, like 101001.";
        }

        var digits = string.Concat(draft.Phone.Where(c => c is not (' ' or '-' or '(' or ')')));
        if (draft.Phone.Length > 32 || !PhoneDigits().IsMatch(digits))
        {
            errors["phone"] = "Enter a phone number of 7 to 15 digits, like +234 801 234 5601.";
        }

        if (!IsEmail(draft.Email))
        {
            errors["email"] = "Enter the email address digests and alerts go to, like marina@pharmacy.example.";
        }

        if (draft.OpeningHours?.Length > OpeningHoursMaxLength)
        {
            errors["opening_hours"] = $"Keep the opening hours under {OpeningHoursMaxLength} characters.";
        }

        return errors;
    }

    private static bool IsEmail(string email) =>
        email.Length is > 0 and <= 256 && MailAddress.TryCreate(email, out var address)
        && string.Equals(address.Address, email, StringComparison.Ordinal) && address.Host.Contains('.', StringComparison.Ordinal);

    private static void Require(Dictionary<string, string> errors, string field, string value, int maxLength, string prompt)
    {
        if (value.Length == 0)
        {
            errors[field] = prompt + ".";
        }
        else if (value.Length > maxLength)
        {
            errors[field] = $"Keep it under {maxLength} characters.";
        }
    }
}
