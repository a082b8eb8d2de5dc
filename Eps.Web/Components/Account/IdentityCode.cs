using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Eps.Web.Components.Account;

/// <summary>The Base64Url codes Identity puts in emailed links.</summary>
internal static class IdentityCode
{
    /// <summary>The decoded code, or null when the link was mangled (a decoding error is bad input, not a server error).</summary>
    public static string? Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
