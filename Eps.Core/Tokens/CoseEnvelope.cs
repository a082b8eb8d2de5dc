using System.Formats.Cbor;

namespace Eps.Core.Tokens;

/// <summary>A COSE_Sign1 or COSE_Mac0 message taken apart, before any check of its signature.</summary>
/// <param name="Algorithm">The protected alg; null when absent or not an integer (both are refused later).</param>
internal sealed record CoseEnvelope(
    ulong Tag,
    byte[] ProtectedBytes,
    long? Algorithm,
    byte[]? Kid,
    bool HasCritical,
    byte[] Payload,
    byte[] Signature)
{
    /// <summary>The bytes the signature or MAC covers (RFC 9052 sections 4.4 and 6.3), with empty external AAD.</summary>
    public byte[] ToBeSigned() => CoseWriter.ToBeSigned(
        Tag == CoseConstants.TagSign1 ? CoseConstants.ContextSign1 : CoseConstants.ContextMac0, ProtectedBytes, Payload);

    /// <summary>Parses the outer structure; null (with a reason) for anything that is not one tagged, complete message.</summary>
    public static CoseEnvelope? TryParse(byte[] data, out string error)
    {
        var reader = new CborReader(data, CborConformanceMode.Strict);
        error = "not a COSE_Sign1 or COSE_Mac0 message";
        if (reader.PeekState() != CborReaderState.Tag)
        {
            return null;
        }

        var tag = (ulong)reader.ReadTag();
        if ((tag != CoseConstants.TagSign1 && tag != CoseConstants.TagMac0) || reader.ReadStartArray() != 4)
        {
            return null;
        }

        var protectedBytes = reader.ReadByteString();
        if (!TryReadProtected(protectedBytes, out var alg, out var kid, out var crit))
        {
            error = "unreadable protected header";
            return null;
        }

        // The unprotected map is not covered by the signature, so nothing in it is trusted: check the type, skip it.
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            return null;
        }

        reader.SkipValue();
        if (reader.PeekState() != CborReaderState.ByteString)
        {
            error = "no embedded payload";
            return null;
        }

        var payload = reader.ReadByteString();
        var signature = reader.ReadByteString();
        reader.ReadEndArray();
        if (reader.BytesRemaining != 0)
        {
            error = "trailing bytes after the message";
            return null;
        }

        return new CoseEnvelope(tag, protectedBytes, alg, kid, crit, payload, signature);
    }

    private static bool TryReadProtected(byte[] bytes, out long? alg, out byte[]? kid, out bool crit)
    {
        (alg, kid, crit) = (null, null, false);
        if (bytes.Length == 0)
        {
            return true; // RFC 9052: an empty bstr stands for an empty map.
        }

        var reader = new CborReader(bytes, CborConformanceMode.Strict);
        var count = reader.ReadStartMap();
        for (var i = 0; count is null || i < count; i++)
        {
            if (reader.PeekState() == CborReaderState.EndMap)
            {
                break;
            }

            var label = reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger
                ? reader.ReadInt64()
                : SkipAndReturn(reader, long.MinValue);
            switch (label)
            {
                case CoseConstants.LabelAlg when reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                    alg = reader.ReadInt64();
                    break;
                case CoseConstants.LabelKid when reader.PeekState() == CborReaderState.ByteString:
                    kid = reader.ReadByteString();
                    break;
                case CoseConstants.LabelCrit:
                    crit = true;
                    reader.SkipValue();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        reader.ReadEndMap();
        return reader.BytesRemaining == 0;
    }

    private static long SkipAndReturn(CborReader reader, long value)
    {
        reader.SkipValue();
        return value;
    }
}
