namespace Eps.Core.Tokens;

/// <summary>The few COSE numbers (RFC 9052/9053) the token format uses.</summary>
internal static class CoseConstants
{
    public const ulong TagMac0 = 17;
    public const ulong TagSign1 = 18;

    public const int LabelAlg = 1;
    public const int LabelCrit = 2;
    public const int LabelKid = 4;

    public const long AlgEs256 = -7;
    public const long AlgHmac256 = 5;

    public const string ContextSign1 = "Signature1";
    public const string ContextMac0 = "MAC0";
}
