namespace Eps.Core.Tokens;

/// <summary>Base45 (RFC 9285): the densest text form a QR code stores in alphanumeric mode.</summary>
public static class Base45
{
    // Every character is in the QR alphanumeric set, so a QR encoder packs 2 characters into 11 bits.
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private static readonly sbyte[] Values = BuildValues();

    /// <summary>Encodes bytes; every 2 bytes become 3 characters, a trailing byte becomes 2.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var length = data.Length / 2 * 3 + data.Length % 2 * 2;
        var chars = length <= 1024 ? stackalloc char[length] : new char[length];
        var o = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            var n = data[i] * 256 + data[i + 1];
            chars[o++] = Alphabet[n % 45];
            chars[o++] = Alphabet[n / 45 % 45];
            chars[o++] = Alphabet[n / 2025];
        }

        if (data.Length % 2 == 1)
        {
            var n = data[^1];
            chars[o++] = Alphabet[n % 45];
            chars[o] = Alphabet[n / 45];
        }

        return new string(chars);
    }

    /// <summary>Decodes text; false for characters outside the alphabet, a dangling character or a value out of range.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] data)
    {
        data = [];
        if (text.Length % 3 == 1)
        {
            return false;
        }

        var result = new byte[text.Length / 3 * 2 + (text.Length % 3 == 2 ? 1 : 0)];
        var o = 0;
        for (var i = 0; i < text.Length; i += 3)
        {
            var remaining = Math.Min(3, text.Length - i);
            var n = 0;
            var scale = 1;
            for (var j = 0; j < remaining; j++)
            {
                var c = text[i + j];
                var v = c < Values.Length ? Values[c] : -1;
                if (v < 0)
                {
                    return false;
                }

                n += v * scale;
                scale *= 45;
            }

            if (remaining == 3)
            {
                // RFC 9285 section 4.3: a triple above 65535 is invalid, not wrapped.
                if (n > 0xFFFF)
                {
                    return false;
                }

                result[o++] = (byte)(n >> 8);
                result[o++] = (byte)n;
            }
            else
            {
                if (n > 0xFF)
                {
                    return false;
                }

                result[o++] = (byte)n;
            }
        }

        data = result;
        return true;
    }

    /// <summary>Decodes text or throws <see cref="FormatException"/>.</summary>
    public static byte[] Decode(ReadOnlySpan<char> text) =>
        TryDecode(text, out var data) ? data : throw new FormatException("The text is not valid Base45.");

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
