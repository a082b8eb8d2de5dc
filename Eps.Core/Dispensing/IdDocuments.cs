using System.Text.RegularExpressions;

namespace Eps.Core.Dispensing;

/// <summary>Format checks for the identity documents accepted for controlled drugs.</summary>
public static partial class IdDocuments
{
    /// <summary>Returns null when the number fits the document type, else a message saying what is expected.</summary>
    public static string? Validate(IdDocumentType type, string? number)
    {
        var value = Normalize(number);
        if (value.Length == 0)
        {
            return "Enter the ID document number.";
        }

        return type switch
        {
            IdDocumentType.Nin when !Nin().IsMatch(value) => "A NIN is 11 digits.",
            IdDocumentType.DriversLicence when !Licence().IsMatch(value) =>
                "A driver's licence number is 3 letters followed by 5 to 12 letters or digits (e.g. ABC12345678).",
            IdDocumentType.InternationalPassport when !Passport().IsMatch(value) =>
                "An international passport number is a letter followed by 8 digits (e.g. A12345678).",
            _ => null,
        };
    }

    /// <summary>Upper-cases and removes spaces and dashes, as numbers are often written grouped.</summary>
    public static string Normalize(string? number) =>
        string.Concat((number ?? "").Where(c => c is not (' ' or '-'))).ToUpperInvariant();

    public static string Describe(IdDocumentType type) => type switch
    {
        IdDocumentType.Nin => "National Identification Number (NIN)",
        IdDocumentType.DriversLicence => "Driver's licence",
        IdDocumentType.InternationalPassport => "International passport",
        _ => type.ToString(),
    };

    [GeneratedRegex("^[0-9]{11}$")]
    private static partial Regex Nin();

    [GeneratedRegex("^[A-Z]{3}[A-Z0-9]{5,12}$")]
    private static partial Regex Licence();

    [GeneratedRegex("^[A-Z][0-9]{8}$")]
    private static partial Regex Passport();
}
