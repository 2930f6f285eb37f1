using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallFlow.Sip;

/// <summary>A Reason header value (RFC 3326): protocol ("SIP", "Q.850"), cause and text.</summary>
/// <example><code>SipReason.TryParse("SIP;cause=302;text=\"Moved\"", out var r); r.Cause == 302; r.Text == "Moved"</code></example>
public sealed record SipReason(string Protocol, SipParameters Parameters)
{
    /// <summary>The cause parameter.</summary>
    public int? Cause => int.TryParse(Parameters.Get("cause"), System.Globalization.NumberStyles.None, null, out var cause) ? cause : null;

    /// <summary>The text parameter, unquoted.</summary>
    public string? Text => Parameters.Get("text");

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder(Protocol);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Parses <c>protocol *( SEMI reason-params )</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipReason? reason)
    {
        reason = null;
        var reader = new SipTextReader(value);
        reader.SkipWs();
        var protocol = reader.ReadToken();
        if (protocol.IsEmpty || !SipParameters.TryParse(ref reader, out var parameters))
            return false;
        reader.SkipWs();
        if (!reader.AtEnd)
            return false;
        reason = new SipReason(new string(protocol), parameters);
        return true;
    }
}
