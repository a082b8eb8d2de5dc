using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Eps.Core.Tokens;

/// <summary>
/// Byte-for-byte <c>json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()</c>,
/// the form the seed's HMAC signs, so its signatures verify here and ours verify there.
/// </summary>
internal static class PythonCanonicalJson
{
    // Python cannot encode a lone surrogate either, so refusing it loses no signature that could exist.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Encode(JsonElement value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return StrictUtf8.GetBytes(text.ToString());
    }

    private static void Write(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                // Python dicts keep the last of duplicate keys, and sort_keys orders by code point.
                var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var member in value.EnumerateObject())
                {
                    members[member.Name] = member.Value;
                }

                text.Append('{');
                var first = true;
                foreach (var (name, member) in members.OrderBy(m => m.Key, CodePointComparer.Instance))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    WriteString(text, name);
                    text.Append(':');
                    Write(text, member);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(index++ == 0 ? "" : ",");
                    Write(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(text, value.GetString()!);
                break;
            case JsonValueKind.Number:
                text.Append(PythonNumber(value.GetRawText()));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                throw new InvalidOperationException("An undefined JSON element cannot be signed.");
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                < ' ' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c), // ensure_ascii=False: everything else, U+2028 and DEL included, stays raw.
            };
        }

        text.Append('"');
    }

    /// <summary>Python's json parses a number with '.', 'e' or 'E' as float and prints it with repr; others are ints.</summary>
    internal static string PythonNumber(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return raw == "-0" ? "0" : raw;
        }

        var d = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return PythonFloatRepr.Format(d);
    }

    private sealed class CodePointComparer : IComparer<string>
    {
        public static readonly CodePointComparer Instance = new();

        // UTF-16 ordinal order puts U+E000..U+FFFF after supplementary characters; Python (code points) does not.
        public int Compare(string? x, string? y)
        {
            var (a, b) = (x ?? "", y ?? "");
            for (var i = 0; i < a.Length && i < b.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return Weight(a[i]).CompareTo(Weight(b[i]));
                }
            }

            return a.Length.CompareTo(b.Length);
        }

        private static int Weight(char c) => char.IsSurrogate(c) ? c + 0x10000 : c;
    }
}
