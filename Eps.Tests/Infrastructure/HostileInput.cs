using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// Deterministic hostile input from one seeded generator: JSON bodies (truncated and invalid JSON, wrong types, huge
/// strings, deep nesting), form bodies, query strings and route values (unicode edge cases, SQL/script payloads,
/// forged tokens, broken percent-encoding). The same seed always gives the same inputs.
/// </summary>
public sealed class HostileInput(int seed)
{
    public static readonly string[] Payloads =
    [
        "' OR 1=1 --", "\"; DROP TABLE Prescriptions; --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}", "../../etc/passwd",
        "\u0000", "\uFEFF", "\uD800", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ω≈ç√∫", "\u202Eevil", "PHB-RX-00000000", "EPS1:", "EPS1:%%%%", "null", "-1", "1e309",
        "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "%00", "%ZZ", "..%2F..%2F", "a\r\nSet-Cookie: x=1",
        "2026-02-30", "9999-12-31", "0001-01-01", "2147483648", "-2147483649", "NaN", "true", "[]", "{}", "x@y", "@", "a@b.c'--",
        "PHB-PH-100101", "pending", "controlled", "all", "0", " ", "\t", "é", "e\u0301", "\u200B", "\uFFFF", "🙂", "\u0085",
    ];

    private const string Base45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private readonly Random _random = new(seed);

    /// <summary>A hostile string value; <paramref name="hugeUpTo"/> caps the occasional very long one.</summary>
    public string Text(int hugeUpTo = 20_000, IReadOnlyList<string>? known = null) => _random.Next(12) switch
    {
        0 => "",
        1 => new string((char)('A' + _random.Next(26)), _random.Next(1, hugeUpTo)),
        2 => "EPS1:" + RandomBase45(_random.Next(1, 400)),
        3 => string.Concat(Enumerable.Range(0, _random.Next(1, 12)).Select(_ => Payloads[_random.Next(Payloads.Length)])),
        4 => _random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        5 => "PHB-RX-" + _random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
        6 when known is { Count: > 0 } => known[_random.Next(known.Count)],
        7 when known is { Count: > 0 } => known[_random.Next(known.Count)] + Payloads[_random.Next(Payloads.Length)],
        _ => Payloads[_random.Next(Payloads.Length)],
    };

    /// <summary>JSON bodies over <paramref name="fields"/>: wrong types, deep nesting, huge strings, forged tokens, truncation.</summary>
    public IEnumerable<string> JsonBodies(int count, IReadOnlyList<string> fields)
    {
        string Value() => _random.Next(9) switch
        {
            0 => _random.Next().ToString(CultureInfo.InvariantCulture),
            1 => "true",
            2 => "null",
            3 => "[" + string.Join(',', Enumerable.Repeat("1", _random.Next(5))) + "]",
            4 => "{\"x\":" + new string('[', _random.Next(1, 200)) + new string(']', _random.Next(0, 200)) + "}",
            5 => JsonSerializer.Serialize(new string('A', _random.Next(1, 70_000))),
            6 => JsonSerializer.Serialize("EPS1:" + RandomBase45(_random.Next(1, 400))),
            _ => JsonSerializer.Serialize(Payloads[_random.Next(Payloads.Length)]),
        };

        for (var i = 0; i < count; i++)
        {
            var body = "{" + string.Join(',', fields.Where(_ => _random.Next(3) > 0).Select(f => $"\"{f}\":{Value()}")) + "}";
            yield return _random.Next(6) switch
            {
                0 => body[.._random.Next(body.Length)],
                1 => body.Replace(':', _random.Next(2) == 0 ? ';' : ':'),
                _ => body,
            };
        }
    }

    /// <summary>
    /// An application/x-www-form-urlencoded (or query) string over <paramref name="fields"/>: hostile values, repeated and
    /// unknown keys, a field copied into the next (to get past "confirm" validators), broken escapes and truncation.
    /// </summary>
    public string Encoded(IReadOnlyList<string> fields, int hugeUpTo = 20_000, IReadOnlyList<string>? known = null)
    {
        var pairs = new List<string>();
        string? previous = null;
        foreach (var field in fields)
        {
            if (_random.Next(4) == 0)
            {
                continue;
            }

            var value = previous is not null && _random.Next(5) == 0 ? previous : Text(hugeUpTo, known);
            previous = value;
            pairs.Add(Pair(field, value));
            if (_random.Next(10) == 0)
            {
                pairs.Add(Pair(field, Text(100)));
            }
        }

        if (_random.Next(8) == 0)
        {
            pairs.Add(Pair(Payloads[_random.Next(Payloads.Length)], Text(100)));
        }

        var encoded = string.Join('&', pairs);
        return _random.Next(10) switch
        {
            0 when encoded.Length > 0 => encoded[.._random.Next(encoded.Length)],
            1 => encoded + "&%E2%82&=&&%&a=%G1%C0%AF",
            _ => encoded,
        };
    }

    /// <summary>A hostile route segment, escaped so that it stays one segment (now and then with raw slashes and percent signs).</summary>
    public string Segment(IReadOnlyList<string>? known = null)
    {
        var escaped = Escape(Text(3_000, known));
        return _random.Next(8) == 0 ? escaped.Replace("%2F", "/", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal) : escaped;
    }

    /// <summary>A forged credential in the shape of a data-protected cookie or bearer token (ASCII, as headers must be).</summary>
    public string ForgedCredential()
    {
        const string base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var length = _random.Next(1, 3_000);
        return (_random.Next(2) == 0 ? "CfDJ8" : "eyJhbGciOiJub25lIn0.")
            + string.Concat(Enumerable.Range(0, length).Select(_ => base64Url[_random.Next(base64Url.Length)]));
    }

    public int Next(int max) => _random.Next(max);

    private static string Pair(string key, string value) => Escape(key) + "=" + Escape(value);

    private static string Escape(string value)
    {
        // Lone surrogates cannot be percent-encoded as UTF-8; send the replacement character's bytes instead.
        var sb = new StringBuilder(value.Length * 3);
        foreach (var rune in value.EnumerateRunes())
        {
            sb.Append(Uri.EscapeDataString(rune.ToString()));
        }

        return sb.ToString();
    }

    private string RandomBase45(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => Base45[_random.Next(Base45.Length)]));
}
