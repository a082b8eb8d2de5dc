using System.Globalization;

namespace Eps.Core.Tokens;

/// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, fixed notation for 1e-4 &lt;= |x| &lt; 1e16, else 1e+16 style.</summary>
internal static class PythonFloatRepr
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        // .NET's "R" yields the same shortest round-trip digits as Python; only the layout differs.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var sign = r.StartsWith('-') ? "-" : "";
        var body = r.TrimStart('-');
        var e = body.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(body.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? body : body[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intDigits = dot < 0 ? mantissa.Length : dot;
        var allDigits = mantissa.Replace(".", "", StringComparison.Ordinal);

        var digits = allDigits.TrimStart('0');
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        // decpt as in Python's dtoa: value = 0.DIGITS x 10^decpt.
        var decpt = intDigits - (allDigits.Length - digits.Length) + exponent;
        digits = digits.TrimEnd('0');

        if (decpt is > -4 and <= 16)
        {
            var fixedText = decpt <= 0
                ? "0." + new string('0', -decpt) + digits
                : decpt >= digits.Length
                    ? digits + new string('0', decpt - digits.Length) + ".0"
                    : digits[..decpt] + "." + digits[decpt..];
            return sign + fixedText;
        }

        var exp = decpt - 1;
        var mantissaText = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + mantissaText + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }
}
