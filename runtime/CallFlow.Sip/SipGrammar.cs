using System.Buffers;
using System.Text;

namespace CallFlow.Sip;

/// <summary>Character classes and small helpers from the RFC 3261 §25 ABNF, shared by every SIP parser.</summary>
internal static class SipGrammar
{
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~");

    // word adds ( ) < > : \ DQUOTE / [ ] ? { } to token (Call-ID).
    private static readonly SearchValues<char> WordChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~()<>:\\\"/[]?{}");

    // unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
    private static readonly SearchValues<char> UnreservedChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()");

    private const string Reserved = ";/?:@&=+$,";

    public static bool IsTokenChar(char c) => TokenChars.Contains(c);

    public static bool IsWordChar(char c) => WordChars.Contains(c);

    public static bool IsUnreserved(char c) => UnreservedChars.Contains(c);

    public static bool IsReserved(char c) => Reserved.Contains(c);

    public static bool IsWsp(char c) => c is ' ' or '\t';

    public static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsAlpha(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    public static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenChars);

    public static bool IsWord(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(WordChars);

    public static bool IsToken(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
            return false;
        foreach (var b in text)
            if (b >= 0x80 || !TokenChars.Contains((char)b))
                return false;
        return true;
    }

    /// <summary>Checks <paramref name="text"/> against a URI component alphabet; '%' must start a valid escape.</summary>
    public static bool IsEscapedRun(ReadOnlySpan<char> text, Func<char, bool> allowed)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                    return false;
                i += 2;
            }
            else if (!allowed(c))
                return false;
        }
        return true;
    }

    /// <summary>Decodes every %HH escape (the bytes as UTF-8); text without '%' comes back as is.</summary>
    public static string Unescape(ReadOnlySpan<char> text)
    {
        if (!text.Contains('%'))
            return new string(text);
        var bytes = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes[n++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 2;
            }
            else if (c < 0x80)
                bytes[n++] = (byte)c;
            else
                return UnescapeSlow(text);
        }
        return Encoding.UTF8.GetString(bytes[..n]);
    }

    private static string UnescapeSlow(ReadOnlySpan<char> text)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> one = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
                continue;
            }
            var count = Encoding.UTF8.GetBytes(text.Slice(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1), one);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length)
                i++;
            for (var k = 0; k < count; k++)
                bytes.Add(one[k]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// RFC 3261 §19.1.4: an escaped character outside the reserved set equals the character itself. This decodes
    /// those escapes and upper-cases the hex of the ones kept, so two spellings of one component compare equal.
    /// </summary>
    public static string NormalizeEscapes(string text)
    {
        if (!text.Contains('%'))
            return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                var decoded = (char)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                if (decoded is > ' ' and < (char)0x7F && !IsReserved(decoded) && decoded != '%')
                    sb.Append(decoded);
                else
                    sb.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                i += 2;
            }
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Percent-encodes every character that <paramref name="allowed"/> rejects (as UTF-8 bytes).</summary>
    public static string Escape(string text, Func<char, bool> allowed)
    {
        var clean = true;
        foreach (var c in text)
            if (!allowed(c))
            {
                clean = false;
                break;
            }
        if (clean)
            return text;
        var sb = new StringBuilder(text.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (allowed(c))
            {
                sb.Append(c);
                continue;
            }
            var width = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
            var count = Encoding.UTF8.GetBytes(text.AsSpan(i, width), utf8);
            i += width - 1;
            for (var k = 0; k < count; k++)
                sb.Append('%').Append(utf8[k].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Parses 1*DIGIT as an unsigned value no larger than <paramref name="max"/>; never overflows.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> digits, ulong max, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
            return false;
        foreach (var c in digits)
        {
            if (!IsDigit(c))
                return false;
            if (value > (max - (ulong)(c - '0')) / 10)
                return false;
            value = value * 10 + (ulong)(c - '0');
        }
        return true;
    }

    /// <summary>
    /// Splits a header value at commas that are outside quoted strings and angle brackets (RFC 3261 §7.3.1).
    /// Elements are trimmed of LWS; empty elements are kept, so a caller can reject "a,,b".
    /// </summary>
    public static List<string> SplitList(string value)
    {
        var parts = new List<string>(2);
        var start = 0;
        var inQuotes = false;
        var inAngle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inQuotes = false;
            }
            else if (c == '"')
                inQuotes = true;
            else if (c == '<')
                inAngle = true;
            else if (c == '>')
                inAngle = false;
            else if (c == ',' && !inAngle)
            {
                parts.Add(value.AsSpan(start, i - start).Trim(" \t").ToString());
                start = i + 1;
            }
        }
        parts.Add(value.AsSpan(start).Trim(" \t").ToString());
        return parts;
    }

    /// <summary>Writes <paramref name="text"/> as a quoted-string, escaping '"' and '\'.</summary>
    public static void AppendQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }
}
