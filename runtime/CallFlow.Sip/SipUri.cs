using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallFlow.Sip;

/// <summary>
/// A SIP, SIPS, tel or other absolute URI (RFC 3261 §19.1, §25.1; RFC 3966). Components are held unescaped
/// (<c>sip:%61lice@x</c> has <see cref="User"/> "alice"); <see cref="ToString"/> gives back the text as parsed.
/// Equality follows RFC 3261 §19.1.4 (see <see cref="Equals(SipUri?)"/>).
/// </summary>
/// <example><code>
/// var uri = SipUri.Parse("sip:alice:secret@[2001:db8::1]:5070;transport=tcp?subject=hi");
/// uri.User == "alice"; uri.Host == "[2001:db8::1]"; uri.Port == 5070; uri.Parameters.Get("transport") == "tcp"
/// </code></example>
public sealed partial class SipUri : IEquatable<SipUri>
{
    private readonly string _text;
    private readonly string? _rawUser;
    private readonly string? _rawPassword;

    private SipUri(string text, SipUriScheme kind, string scheme, string? rawUser, string? rawPassword, string host,
        int? port, SipParameters parameters, SipParameters headers, string? opaque)
    {
        _text = text;
        Kind = kind;
        Scheme = scheme;
        _rawUser = rawUser;
        _rawPassword = rawPassword;
        User = rawUser is null ? null : SipGrammar.Unescape(rawUser);
        Password = rawPassword is null ? null : SipGrammar.Unescape(rawPassword);
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
        Opaque = opaque;
    }

    /// <summary>Which scheme family this is.</summary>
    public SipUriScheme Kind { get; }

    /// <summary>The scheme in lower case ("sip", "sips", "tel", "http"…).</summary>
    public string Scheme { get; }

    /// <summary>The unescaped user part (for tel: the telephone number); null when there is none.</summary>
    public string? User { get; }

    /// <summary>The unescaped password of a SIP or SIPS URI, or null.</summary>
    public string? Password { get; }

    /// <summary>The host as written: a name, an IPv4 address or a bracketed IPv6 reference; empty for tel and others.</summary>
    public string Host { get; }

    /// <summary>The explicit port, or null when the URI has none (which is not the same URI as one with :5060).</summary>
    public int? Port { get; }

    /// <summary>The uri-parameters (SIP) or tel parameters, unescaped.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The headers component (<c>?name=value&amp;…</c>) of a SIP URI, unescaped.</summary>
    public SipParameters Headers { get; }

    /// <summary>For <see cref="SipUriScheme.Other"/>: everything after "scheme:".</summary>
    public string? Opaque { get; }

    /// <summary>True for sip: and sips:.</summary>
    public bool IsSip => Kind is SipUriScheme.Sip or SipUriScheme.Sips;

    /// <summary>The host without IPv6 brackets, as a socket API wants it.</summary>
    public string HostAddress => Host.StartsWith('[') ? Host[1..^1] : Host;

    /// <summary>The text of the URI (as parsed, or as composed by <see cref="Create"/>).</summary>
    public override string ToString() => _text;

    /// <summary>Parses a URI; returns false for anything RFC 3261/3966/3986 does not allow.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        return text is not null && TryParseCore(text, out uri);
    }

    /// <summary>Parses a URI or throws.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid URI.</exception>
    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"'{text}' is not a valid SIP, SIPS, tel or absolute URI");

    /// <summary>Composes a SIP or SIPS URI, escaping whatever the grammar requires.</summary>
    /// <example><code>SipUri.Create("vm 1", "192.0.2.1", 5060).ToString() == "sip:vm%201@192.0.2.1:5060"</code></example>
    public static SipUri Create(string? user, string host, int? port = null, SipParameters? parameters = null, bool secure = false)
    {
        var sb = new StringBuilder(secure ? "sips:" : "sip:");
        if (!string.IsNullOrEmpty(user))
            sb.Append(SipGrammar.Escape(user, IsUserChar)).Append('@');
        sb.Append(host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host);
        if (port is not null)
            sb.Append(':').Append(port.Value);
        parameters?.AppendTo(sb);
        return Parse(sb.ToString());
    }

    /// <summary>Returns a copy with the uri-parameter <paramref name="name"/> set (e.g. "lr", "transport").</summary>
    public SipUri WithParameter(string name, string? value)
    {
        if (!IsSip)
            throw new InvalidOperationException("only SIP and SIPS URIs carry uri-parameters here");
        var sb = new StringBuilder(Kind == SipUriScheme.Sips ? "sips:" : "sip:");
        if (_rawUser is not null)
        {
            sb.Append(_rawUser);
            if (_rawPassword is not null)
                sb.Append(':').Append(_rawPassword);
            sb.Append('@');
        }
        sb.Append(Host);
        if (Port is not null)
            sb.Append(':').Append(Port.Value);
        foreach (var p in Parameters.With(name, value))
        {
            sb.Append(';').Append(SipGrammar.Escape(p.Name, IsParamChar));
            if (p.Value is not null)
                sb.Append('=').Append(SipGrammar.Escape(p.Value, IsParamChar));
        }
        var first = true;
        foreach (var h in Headers)
        {
            sb.Append(first ? '?' : '&').Append(SipGrammar.Escape(h.Name, IsHeaderChar)).Append('=')
                .Append(SipGrammar.Escape(h.Value ?? "", IsHeaderChar));
            first = false;
        }
        return Parse(sb.ToString());
    }

    // user = 1*( unreserved / escaped / user-unreserved ); user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
    internal static bool IsUserChar(char c) => SipGrammar.IsUnreserved(c) || c is '&' or '=' or '+' or '$' or ',' or ';' or '?' or '/';

    // password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
    private static bool IsPasswordChar(char c) => SipGrammar.IsUnreserved(c) || c is '&' or '=' or '+' or '$' or ',';

    // paramchar = param-unreserved / unreserved / escaped; param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
    internal static bool IsParamChar(char c) => SipGrammar.IsUnreserved(c) || c is '[' or ']' or '/' or ':' or '&' or '+' or '$';

    // hname/hvalue = *( hnv-unreserved / unreserved / escaped ); hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$".
    // '@' is accepted too: Replaces and Route values in Refer-To often carry it unescaped.
    private static bool IsHeaderChar(char c) => SipGrammar.IsUnreserved(c) || c is '[' or ']' or '/' or '?' or ':' or '+' or '$' or '@';
}
