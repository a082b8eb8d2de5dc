using System.Diagnostics.CodeAnalysis;

namespace Eps.Core.Accounts;

/// <summary>Health provider number: ten digits, displayed in groups of 3-3-4.</summary>
public static class Hpn
{
    public static string Format(string hpn) =>
        hpn.Length == 10 ? $"{hpn[..3]} {hpn[3..6]} {hpn[6..]}" : hpn;

    /// <summary>Accepts digits with optional spaces or dashes; returns the ten bare digits.</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? hpn)
    {
        hpn = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        Span<char> digits = stackalloc char[10];
        var count = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == 10)
            {
                return false;
            }

            digits[count++] = c;
        }

        if (count != 10)
        {
            return false;
        }

        hpn = new string(digits);
        return true;
    }
}
