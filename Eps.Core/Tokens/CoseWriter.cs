using System.Formats.Cbor;

namespace Eps.Core.Tokens;

/// <summary>Writes the COSE pieces the platform library does not: COSE_Mac0 messages and the structures signatures cover.</summary>
internal static class CoseWriter
{
    /// <summary>The bytes a signature or MAC covers (RFC 9052 sections 4.4 and 6.3): [context, protected, h'', payload].</summary>
    public static byte[] ToBeSigned(string context, byte[] protectedBytes, byte[] payload)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartArray(4);
        writer.WriteTextString(context);
        writer.WriteByteString(protectedBytes);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>The protected header map <c>{1: alg, 4: kid}</c>.</summary>
    public static byte[] EncodeProtected(long alg, byte[] kid)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(2);
        writer.WriteInt32(CoseConstants.LabelAlg);
        writer.WriteInt64(alg);
        writer.WriteInt32(CoseConstants.LabelKid);
        writer.WriteByteString(kid);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Writes a tagged message: <c>tag [protected, {}, payload, signature]</c>.</summary>
    public static byte[] Encode(ulong tag, byte[] protectedBytes, byte[] payload, byte[] signature)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteTag((CborTag)tag);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedBytes);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteByteString(payload);
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
