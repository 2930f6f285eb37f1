using System.Collections.Immutable;
using System.Globalization;

namespace CallFlow.Sip.Sdp;

/// <summary>
/// One m= section (RFC 4566 §5.14) with its c= and a= lines; other lines (i=, b=, k=) are kept as written.
/// </summary>
/// <param name="Media">"audio", "video"…</param>
/// <param name="Port">The transport port; 0 rejects or disables the stream.</param>
/// <param name="PortCount">The /count after the port, when present.</param>
/// <param name="Protocol">"RTP/AVP", "RTP/SAVP"…</param>
/// <param name="Formats">Payload types (for RTP) in preference order.</param>
/// <param name="Connection">The media-level c= line, if any.</param>
/// <param name="OtherLines">Other lines as (type, value), e.g. ('b', "AS:64").</param>
/// <param name="Attributes">The a= lines in order.</param>
public sealed record SdpMediaDescription(string Media, int Port, int? PortCount, string Protocol, ImmutableArray<string> Formats,
    SdpConnection? Connection, ImmutableArray<KeyValuePair<char, string>> OtherLines, ImmutableArray<SdpAttribute> Attributes)
{
    /// <summary>The first attribute named <paramref name="name"/> (case-insensitive), or null.</summary>
    public SdpAttribute? GetAttribute(string name)
    {
        foreach (var a in Attributes)
            if (a.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                return a;
        return null;
    }

    /// <summary>The rtpmap for <paramref name="payloadType"/>: its a=rtpmap, else the RFC 3551 static mapping.</summary>
    public SdpRtpMap? GetRtpMap(int payloadType)
    {
        foreach (var a in Attributes)
            if (a.Name.Equals("rtpmap", StringComparison.OrdinalIgnoreCase) && a.Value is { } v
                && SdpRtpMap.TryParse(v, out var map) && map.PayloadType == payloadType)
                return map;
        return payloadType < 96 ? SdpRtpMap.Static(payloadType) : null;
    }

    /// <summary>The a=fmtp parameters for <paramref name="payloadType"/>, e.g. "0-16".</summary>
    public string? GetFmtp(int payloadType)
    {
        var prefix = payloadType.ToString(CultureInfo.InvariantCulture);
        foreach (var a in Attributes)
            if (a.Name.Equals("fmtp", StringComparison.OrdinalIgnoreCase) && a.Value is { } v)
            {
                var space = v.IndexOf(' ');
                if (space > 0 && v.AsSpan(0, space).SequenceEqual(prefix))
                    return v[(space + 1)..].Trim();
            }
        return null;
    }

    /// <summary>a=ptime in milliseconds, when present and valid.</summary>
    public int? Ptime =>
        GetAttribute("ptime")?.Value is { } v && int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : null;

    /// <summary>The direction attribute of this m= section, or null when it has none.</summary>
    public SdpDirection? Direction => SdpSessionDescription.DirectionOf(Attributes);
}
