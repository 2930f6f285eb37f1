using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallFlow.Sip;

/// <summary>
/// A name-addr or addr-spec with header parameters: the value of From, To, Contact, Route, Record-Route, Refer-To,
/// Diversion and History-Info (RFC 3261 §20.10, §25.1). In the addr-spec form the URI ends at the first ';', so
/// those parameters belong to the header, not the URI; an addr-spec holding '?' must use angle brackets and is refused.
/// </summary>
/// <example><code>
/// SipNameAddress.TryParse("\"Bob\" &lt;sips:bob@biloxi.com&gt; ;tag=a48s", out var to);
/// to.DisplayName == "Bob"; to.Uri.Host == "biloxi.com"; to.Tag == "a48s"
/// </code></example>
public sealed record SipNameAddress(string? DisplayName, SipUri Uri, SipParameters Parameters)
{
    /// <summary>The tag parameter of From and To (RFC 3261 §19.3).</summary>
    public string? Tag => Parameters.Get("tag");

    /// <summary>The expires parameter of a Contact, when it is a valid delta-seconds.</summary>
    public uint? Expires =>
        Parameters.Get("expires") is { } text && SipGrammar.TryParseNumber(text, uint.MaxValue, out var value) ? (uint)value : null;

    /// <summary>Returns a copy with the tag set.</summary>
    public SipNameAddress WithTag(string tag) => this with { Parameters = Parameters.With("tag", tag) };

    /// <summary>Writes the name-addr form: optional quoted display name, the URI in angle brackets, parameters.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(DisplayName))
        {
            SipGrammar.AppendQuoted(sb, DisplayName);
            sb.Append(' ');
        }
        sb.Append('<').Append(Uri).Append('>');
        Parameters.AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Parses one value (no top-level commas).</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipNameAddress? address) => TryParse(value, false, out address);

    /// <summary>Parses a comma-separated list (Contact, Route…) into <paramref name="into"/>; an empty element fails.</summary>
    public static bool TryParseList(string value, List<SipNameAddress> into)
    {
        foreach (var part in SipGrammar.SplitList(value))
        {
            if (!TryParse(part, out var address))
                return false;
            into.Add(address);
        }
        return true;
    }

    internal static bool TryParse(string value, bool requireBrackets, [NotNullWhen(true)] out SipNameAddress? address)
    {
        address = null;
        var reader = new SipTextReader(value);
        reader.SkipWs();
        string? display = null;
        SipUri? uri;
        var angle = value.IndexOf('<');
        if (reader.Peek == '"')
        {
            if (!reader.TryReadQuoted(out var quoted))
                return false; // quotbal
            display = quoted;
            reader.SkipWs();
            if (!TryReadBracketed(ref reader, out uri))
                return false;
        }
        else if (angle >= 0)
        {
            // display-name = *(token LWS); RFC 4475 lwsdisp allows no LWS before '<'.
            var start = reader.Position;
            while (reader.Position < angle)
            {
                var token = reader.ReadToken();
                if (token.IsEmpty && !SipGrammar.IsWsp(reader.Peek))
                    return false; // baddn: "Bell, Alexander" is not a run of tokens
                reader.SkipWs();
            }
            var name = reader.Slice(start, angle).Trim(" \t");
            display = name.IsEmpty ? null : new string(name);
            if (!TryReadBracketed(ref reader, out uri))
                return false;
        }
        else
        {
            if (requireBrackets)
                return false;
            var start = reader.Position;
            while (!reader.AtEnd && reader.Peek is not (';' or ' ' or '\t'))
                reader.Position++;
            var spec = reader.Slice(start, reader.Position);
            // RFC 3261 §20: an addr-spec with a comma, semicolon or question mark needs name-addr (regbadct).
            if (spec.Contains('?') || !SipUri.TryParse(new string(spec), out uri))
                return false;
        }
        if (!SipParameters.TryParse(ref reader, out var parameters))
            return false;
        reader.SkipWs();
        if (!reader.AtEnd)
            return false;
        address = new SipNameAddress(display, uri, parameters);
        return true;
    }

    private static bool TryReadBracketed(ref SipTextReader reader, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (!reader.TryChar('<'))
            return false;
        var close = reader.Rest.IndexOf('>');
        if (close < 0)
            return false;
        // LAQUOT addr-spec RAQUOT: no LWS inside the brackets (badaspec); SipUri refuses spaces.
        var text = new string(reader.Rest[..close]);
        reader.Position += close + 1;
        return SipUri.TryParse(text, out uri);
    }
}
