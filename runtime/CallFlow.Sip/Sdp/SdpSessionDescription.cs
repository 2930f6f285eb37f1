using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallFlow.Sip.Sdp;

/// <summary>
/// A session description (RFC 4566): v=, o=, s=, an optional session c=, t= lines, session attributes and m=
/// sections. Lines the model does not break down (i=, u=, e=, p=, b=, r=, z=, k=) are kept and written back in
/// RFC 4566 order.
/// </summary>
/// <example><code>
/// SdpSessionDescription.TryParse(body, out var offer, out var problem);
/// offer.Media[0].GetRtpMap(0)!.EncodingName == "PCMU"
/// </code></example>
public sealed record SdpSessionDescription(SdpOrigin Origin, string SessionName, SdpConnection? Connection,
    ImmutableArray<string> Timing, ImmutableArray<KeyValuePair<char, string>> OtherLines, ImmutableArray<SdpAttribute> Attributes,
    ImmutableArray<SdpMediaDescription> Media)
{
    /// <summary>The session-level direction attribute, or null.</summary>
    public SdpDirection? Direction => DirectionOf(Attributes);

    /// <summary>Parses an SDP body (UTF-8); see <see cref="TryParse(string, out SdpSessionDescription?, out string?)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out SdpSessionDescription? description, [NotNullWhen(false)] out string? problem) =>
        TryParse(Encoding.UTF8.GetString(body), out description, out problem);

    /// <summary>
    /// Parses SDP text. Requires v=0 first, a six-field o=, an s= and well-formed m= and c= lines; accepts CRLF or
    /// LF line ends and ignores empty lines. <paramref name="problem"/> says what was wrong.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SdpSessionDescription? description, [NotNullWhen(false)] out string? problem) =>
        SdpParser.TryParse(text, out description, out problem);

    /// <summary>The SDP text with CRLF line ends.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Line(sb, 'v', "0");
        Line(sb, 'o', Origin.ToString());
        Line(sb, 's', SessionName.Length == 0 ? "-" : SessionName);
        Others(sb, OtherLines, "iuep");
        if (Connection is not null)
            Line(sb, 'c', Connection.ToString());
        Others(sb, OtherLines, "b");
        foreach (var t in Timing.IsDefaultOrEmpty ? ["0 0"] : Timing)
            Line(sb, 't', t);
        Others(sb, OtherLines, "rzk");
        foreach (var a in Attributes)
            Line(sb, 'a', a.ToString());
        foreach (var m in Media)
        {
            var port = m.PortCount is null ? $"{m.Port}" : $"{m.Port}/{m.PortCount}";
            Line(sb, 'm', $"{m.Media} {port} {m.Protocol} {string.Join(' ', m.Formats)}");
            Others(sb, m.OtherLines, "i");
            if (m.Connection is not null)
                Line(sb, 'c', m.Connection.ToString());
            Others(sb, m.OtherLines, "bk");
            foreach (var a in m.Attributes)
                Line(sb, 'a', a.ToString());
        }
        return sb.ToString();
    }

    /// <summary>The SDP as UTF-8 bytes, ready to be a SIP body.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    internal static SdpDirection? DirectionOf(ImmutableArray<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            if (a.Value is not null)
                continue;
            switch (a.Name.ToLowerInvariant())
            {
                case "sendrecv": return SdpDirection.SendRecv;
                case "sendonly": return SdpDirection.SendOnly;
                case "recvonly": return SdpDirection.RecvOnly;
                case "inactive": return SdpDirection.Inactive;
            }
        }
        return null;
    }

    private static void Line(StringBuilder sb, char type, string value) => sb.Append(type).Append('=').Append(value).Append("\r\n");

    private static void Others(StringBuilder sb, ImmutableArray<KeyValuePair<char, string>> lines, string types)
    {
        if (lines.IsDefaultOrEmpty)
            return;
        foreach (var type in types)
            foreach (var line in lines)
                if (line.Key == type)
                    Line(sb, type, line.Value);
    }
}
