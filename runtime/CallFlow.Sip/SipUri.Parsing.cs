using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace CallFlow.Sip;

public sealed partial class SipUri
{
    // A URI longer than this is refused outright; RFC 3261 sets no limit, the parser's line limit is the real bound.
    private const int MaxLength = 8192;

    private static bool TryParseCore(string text, out SipUri? uri)
    {
        uri = null;
        if (text.Length is 0 or > MaxLength)
            return false;
        foreach (var c in text)
            if (c <= ' ' || c >= (char)0x7F)
                return false; // no LWS, controls or raw non-ASCII inside a URI (lwsruri, badaspec)
        var colon = text.IndexOf(':');
        if (colon <= 0 || !SipGrammar.IsAlpha(text[0]))
            return false;
        for (var i = 1; i < colon; i++)
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] is not ('+' or '-' or '.'))
                return false;
        var scheme = text[..colon].ToLowerInvariant();
        var rest = text.AsSpan(colon + 1);
        return scheme switch
        {
            "sip" => TryParseSip(text, SipUriScheme.Sip, rest, out uri),
            "sips" => TryParseSip(text, SipUriScheme.Sips, rest, out uri),
            "tel" => TryParseTel(text, rest, out uri),
            _ => TryParseOther(text, scheme, rest, out uri),
        };
    }

    private static bool TryParseOther(string text, string scheme, ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;
        // absoluteURI = scheme ":" ( hier-part / opaque-part ), built of uric = reserved / unreserved / escaped.
        if (rest.IsEmpty || !SipGrammar.IsEscapedRun(rest, c => SipGrammar.IsReserved(c) || SipGrammar.IsUnreserved(c) || c is '[' or ']' or '#'))
            return false;
        uri = new SipUri(text, SipUriScheme.Other, scheme, null, null, "", null, SipParameters.Empty, SipParameters.Empty, new string(rest));
        return true;
    }

    private static bool TryParseTel(string text, ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;
        var semi = rest.IndexOf(';');
        var number = semi < 0 ? rest : rest[..semi];
        // global-number-digits / local-number-digits with visual separators (RFC 3966 §3).
        if (number.IsEmpty || number.ContainsAnyExcept("0123456789abcdefABCDEF*#+-.()"))
            return false;
        var parameters = SipParameters.Empty;
        if (semi >= 0 && !TryParseUriParameters(rest[semi..], out parameters))
            return false;
        uri = new SipUri(text, SipUriScheme.Tel, "tel", new string(number), null, "", null, parameters, SipParameters.Empty, null);
        return true;
    }

    private static bool TryParseSip(string text, SipUriScheme kind, ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;
        string? user = null;
        string? password = null;
        // '@' may appear only as the end of userinfo: neither host, uri-parameters nor headers allow it unescaped,
        // while user may hold ';', '?' and '/' (RFC 3261 §25.1, RFC 4475 intmeth and semiuri).
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            var colon = userinfo.IndexOf(':');
            var userPart = colon < 0 ? userinfo : userinfo[..colon];
            if (userPart.IsEmpty || !SipGrammar.IsEscapedRun(userPart, IsUserChar))
                return false;
            user = new string(userPart);
            if (colon >= 0)
            {
                var passwordPart = userinfo[(colon + 1)..];
                if (!SipGrammar.IsEscapedRun(passwordPart, IsPasswordChar))
                    return false;
                password = new string(passwordPart);
            }
            rest = rest[(at + 1)..];
        }
        if (!TryParseHostPort(rest, out var host, out var port, out var consumed))
            return false;
        rest = rest[consumed..];
        var query = rest.IndexOf('?');
        var paramText = query < 0 ? rest : rest[..query];
        if (!paramText.IsEmpty && paramText[0] != ';')
            return false;
        if (!TryParseUriParameters(paramText, out var parameters))
            return false;
        var headers = SipParameters.Empty;
        if (query >= 0 && !TryParseUriHeaders(rest[(query + 1)..], out headers))
            return false;
        uri = new SipUri(text, kind, kind == SipUriScheme.Sip ? "sip" : "sips", user, password, host, port, parameters, headers, null);
        return true;
    }

    private static bool TryParseHostPort(ReadOnlySpan<char> text, out string host, out int? port, out int consumed)
    {
        host = "";
        port = null;
        consumed = 0;
        int end;
        if (text.Length > 0 && text[0] == '[')
        {
            end = text.IndexOf(']');
            if (end < 0 || !IPAddress.TryParse(text[1..end], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                return false;
            end++;
        }
        else
        {
            end = 0;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '.' or '_'))
                end++;
            if (end == 0 || text[0] is '-' or '.')
                return false;
        }
        host = new string(text[..end]);
        if (end < text.Length && text[end] == ':')
        {
            var digits = end + 1;
            var stop = digits;
            while (stop < text.Length && SipGrammar.IsDigit(text[stop]))
                stop++;
            if (!SipGrammar.TryParseNumber(text[digits..stop], 65535, out var value))
                return false;
            port = (int)value;
            end = stop;
        }
        consumed = end;
        return true;
    }

    // uri-parameters = *( ";" uri-parameter ); other-param = pname [ "=" pvalue ], both 1*paramchar.
    private static bool TryParseUriParameters(ReadOnlySpan<char> text, out SipParameters parameters)
    {
        parameters = SipParameters.Empty;
        if (text.IsEmpty)
            return true;
        var items = ImmutableArray.CreateBuilder<SipParameter>();
        foreach (var range in text[1..].Split(';'))
        {
            var part = text[1..][range];
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            if (name.IsEmpty || !SipGrammar.IsEscapedRun(name, IsParamChar))
                return false;
            string? value = null;
            if (eq >= 0)
            {
                var raw = part[(eq + 1)..];
                if (raw.IsEmpty || !SipGrammar.IsEscapedRun(raw, IsParamChar))
                    return false;
                value = SipGrammar.Unescape(raw);
            }
            items.Add(new SipParameter(SipGrammar.Unescape(name), value));
        }
        parameters = new SipParameters(items.ToImmutable());
        return true;
    }

    // headers = "?" header *( "&" header ); header = hname "=" hvalue
    private static bool TryParseUriHeaders(ReadOnlySpan<char> text, out SipParameters headers)
    {
        headers = SipParameters.Empty;
        var items = ImmutableArray.CreateBuilder<SipParameter>();
        foreach (var range in text.Split('&'))
        {
            var part = text[range];
            var eq = part.IndexOf('=');
            if (eq <= 0)
                return false;
            var name = part[..eq];
            var value = part[(eq + 1)..];
            if (!SipGrammar.IsEscapedRun(name, IsHeaderChar) || !SipGrammar.IsEscapedRun(value, IsHeaderChar))
                return false;
            items.Add(new SipParameter(SipGrammar.Unescape(name), SipGrammar.Unescape(value)));
        }
        headers = new SipParameters(items.ToImmutable());
        return true;
    }
}
