using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CallFlow.Sip.Sdp;

/// <summary>An a=rtpmap value: payload type, encoding name, clock rate and channels (RFC 4566 §6).</summary>
/// <example><code>SdpRtpMap.TryParse("101 telephone-event/8000", out var map); map.PayloadType == 101</code></example>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>The value of the a=rtpmap line.</summary>
    public override string ToString() =>
        Channels is null
            ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}")
            : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{Channels}");

    /// <summary>The static payload types of RFC 3551 §6 that may appear without an rtpmap.</summary>
    public static SdpRtpMap? Static(int payloadType) => payloadType switch
    {
        0 => new SdpRtpMap(0, "PCMU", 8000),
        3 => new SdpRtpMap(3, "GSM", 8000),
        4 => new SdpRtpMap(4, "G723", 8000),
        8 => new SdpRtpMap(8, "PCMA", 8000),
        9 => new SdpRtpMap(9, "G722", 8000),
        13 => new SdpRtpMap(13, "CN", 8000),
        18 => new SdpRtpMap(18, "G729", 8000),
        _ => null,
    };

    /// <summary>Parses "&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]".</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpRtpMap? map)
    {
        map = null;
        var space = value.IndexOf(' ');
        if (space <= 0 || !int.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
            return false;
        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate == 0)
            return false;
        int? channels = null;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c == 0)
                return false;
            channels = c;
        }
        map = new SdpRtpMap(pt, parts[0], rate, channels);
        return true;
    }
}
