using System.Diagnostics.CodeAnalysis;

namespace CallFlow.Sip;

/// <summary>
/// One Diversion header value (RFC 5806): who diverted the call, why (reason: user-busy, no-answer, unconditional…)
/// and how often (counter). IP Office sends it on calls forwarded to voicemail.
/// </summary>
/// <example><code>SipDiversion.TryParse("&lt;sip:201@pbx&gt;;reason=no-answer;counter=1", out var d); d.Reason == "no-answer"; d.Counter == 1</code></example>
public sealed record SipDiversion(SipNameAddress Address)
{
    /// <summary>The diverting URI.</summary>
    public SipUri Uri => Address.Uri;

    /// <summary>The reason parameter, unquoted.</summary>
    public string? Reason => Address.Parameters.Get("reason");

    /// <summary>The counter parameter (number of diversions), when valid.</summary>
    public int? Counter => int.TryParse(Address.Parameters.Get("counter"), System.Globalization.NumberStyles.None, null, out var n) ? n : null;

    /// <summary>The privacy parameter (full, name, uri, off).</summary>
    public string? Privacy => Address.Parameters.Get("privacy");

    /// <inheritdoc />
    public override string ToString() => Address.ToString();

    /// <summary>Parses one diversion value (name-addr *( SEMI diversion-params )).</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipDiversion? diversion)
    {
        diversion = null;
        if (!SipNameAddress.TryParse(value, out var address))
            return false;
        diversion = new SipDiversion(address);
        return true;
    }
}
