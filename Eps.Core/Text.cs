namespace Eps.Core;

/// <summary>Small string helpers for storing untrusted input safely.</summary>
internal static class Text
{
    /// <summary>Cuts untrusted text to a column's length so that hostile input can never fail an audit write.</summary>
    public static string? Clip(string? value, int maxLength) =>
        value is null || value.Length <= maxLength ? value : value[..maxLength];
}
