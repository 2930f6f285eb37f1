using System.Collections.Immutable;
using System.Globalization;

namespace CallFlow.Sip.Sdp;

/// <summary>
/// Answers SDP offers for one dialog (RFC 3264 §6) the way CallFlow needs: one audio stream, the first codec in the
/// offerer's order that CallFlow supports, telephone-event with the offerer's payload type, every other m= line
/// rejected with port 0, and hold mirrored (sendonly → recvonly, recvonly → sendonly, inactive → inactive). The o=
/// session id is injected so answers are deterministic; the version starts at <c>initialVersion</c> and goes up by
/// one whenever an answer differs from the previous one (RFC 3264 §8).
/// </summary>
/// <example><code>
/// var answerer = new SdpAnswerer(sessionId: 4242);
/// var answer = answerer.Answer(offer, "192.0.2.10", 40000, [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent]);
/// if (!answer.IsAccepted) Reply(488);
/// </code></example>
public sealed class SdpAnswerer
{
    private readonly ulong _sessionId;
    private ulong _version;
    private string? _previousBody;

    /// <summary>Creates an answerer for one dialog.</summary>
    /// <param name="sessionId">The o= session id (RFC 4566 suggests an NTP timestamp; any number unique per session).</param>
    /// <param name="initialVersion">The first o= version; defaults to the session id.</param>
    /// <param name="userName">The o= username ("-" when there is none).</param>
    /// <param name="sessionName">The s= line.</param>
    public SdpAnswerer(ulong sessionId, ulong? initialVersion = null, string userName = "CallFlow", string sessionName = "CallFlow")
    {
        _sessionId = sessionId;
        _version = initialVersion ?? sessionId;
        UserName = userName;
        SessionName = sessionName;
    }

    /// <summary>The o= username.</summary>
    public string UserName { get; }

    /// <summary>The s= value.</summary>
    public string SessionName { get; }

    /// <summary>The a=ptime CallFlow asks for, in milliseconds (20: 160-byte G.711 frames).</summary>
    public int Ptime { get; init; } = 20;

    /// <summary>The telephone-event range CallFlow can receive (0–9, *, #, A–D and flash).</summary>
    public string TelephoneEvents { get; init; } = "0-16";

    /// <summary>Builds the answer to <paramref name="offer"/> with CallFlow's media at <paramref name="localAddress"/>:<paramref name="localPort"/>.</summary>
    /// <param name="offer">The offer from the INVITE (or re-INVITE, UPDATE).</param>
    /// <param name="localAddress">The IPv4 or IPv6 address for c= and o=.</param>
    /// <param name="localPort">The local RTP port.</param>
    /// <param name="supportedCodecs">What CallFlow can receive and send; order does not matter, the offer's order wins.</param>
    public SdpAnswer Answer(SdpSessionDescription offer, string localAddress, int localPort, IReadOnlyList<SdpCodec> supportedCodecs)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentException.ThrowIfNullOrWhiteSpace(localAddress);
        ArgumentOutOfRangeException.ThrowIfLessThan(localPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localPort, 65535);
        var media = ImmutableArray.CreateBuilder<SdpMediaDescription>(offer.Media.Length);
        Agreement? agreed = null;
        for (var i = 0; i < offer.Media.Length; i++)
        {
            var offered = offer.Media[i];
            var agreement = agreed is null ? TryAgree(offer, offered, i, supportedCodecs) : null;
            if (agreement is null)
            {
                // RFC 3264 §6: a rejected stream keeps its m= line with port 0 and the offered formats.
                media.Add(new SdpMediaDescription(offered.Media, 0, null, offered.Protocol, offered.Formats, null, [], []));
                continue;
            }
            agreed = agreement;
            media.Add(BuildAudio(agreement, localPort));
        }
        var description = new SdpSessionDescription(
            new SdpOrigin(UserName, Number(_sessionId), Number(_version), "IN", SdpConnection.For(localAddress).AddressType, localAddress),
            SessionName, SdpConnection.For(localAddress), ["0 0"], [], [], media.ToImmutable());
        var body = description.ToString();
        var withoutOrigin = body[(body.IndexOf("\r\ns=", StringComparison.Ordinal) + 2)..];
        if (_previousBody is not null && _previousBody != withoutOrigin)
        {
            _version++;
            description = description with { Origin = description.Origin with { SessionVersion = Number(_version) } };
        }
        _previousBody = withoutOrigin;
        return agreed is null
            ? new SdpAnswer(description, false, -1, null, null, null, null, 0, SdpDirection.Inactive, null)
            : new SdpAnswer(description, true, agreed.Index, agreed.Codec, agreed.PayloadType, agreed.EventPayloadType,
                agreed.RemoteAddress, agreed.RemotePort, agreed.Direction, agreed.RemotePtime);
    }

    private SdpMediaDescription BuildAudio(Agreement a, int localPort)
    {
        var formats = ImmutableArray.CreateBuilder<string>();
        var attributes = ImmutableArray.CreateBuilder<SdpAttribute>();
        formats.Add(Number(a.PayloadType));
        attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(a.PayloadType, a.Codec.EncodingName, a.Codec.ClockRate,
            a.Codec.Channels == 1 ? null : a.Codec.Channels).ToString()));
        if (a.EventPayloadType is { } te)
        {
            formats.Add(Number(te));
            attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(te, "telephone-event", a.Codec.ClockRate).ToString()));
            attributes.Add(new SdpAttribute("fmtp", $"{Number(te)} {TelephoneEvents}"));
        }
        attributes.Add(new SdpAttribute("ptime", Number(Ptime)));
        attributes.Add(new SdpAttribute(a.Direction switch
        {
            SdpDirection.SendOnly => "sendonly",
            SdpDirection.RecvOnly => "recvonly",
            SdpDirection.Inactive => "inactive",
            _ => "sendrecv",
        }));
        return new SdpMediaDescription("audio", localPort, null, "RTP/AVP", formats.ToImmutable(), null, [], attributes.ToImmutable());
    }

    private static Agreement? TryAgree(SdpSessionDescription offer, SdpMediaDescription m, int index, IReadOnlyList<SdpCodec> supported)
    {
        if (!m.Media.Equals("audio", StringComparison.OrdinalIgnoreCase) || !m.Protocol.Equals("RTP/AVP", StringComparison.OrdinalIgnoreCase) || m.Port == 0)
            return null;
        var connection = m.Connection ?? offer.Connection;
        if (connection is null)
            return null;
        SdpCodec? codec = null;
        var payloadType = -1;
        foreach (var format in m.Formats)
        {
            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || m.GetRtpMap(pt) is not { } map)
                continue;
            foreach (var candidate in supported)
                if (!candidate.IsTelephoneEvent && candidate.Matches(map))
                {
                    codec = candidate;
                    payloadType = pt;
                    break;
                }
            if (codec is not null)
                break;
        }
        if (codec is null)
            return null;
        int? eventPt = null;
        if (supported.Any(c => c.IsTelephoneEvent && c.ClockRate == codec.ClockRate))
            foreach (var format in m.Formats)
                if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) && m.GetRtpMap(pt) is { } map
                    && map.EncodingName.Equals("telephone-event", StringComparison.OrdinalIgnoreCase) && map.ClockRate == codec.ClockRate)
                {
                    eventPt = pt;
                    break;
                }
        // RFC 3264 §8.4: c=0.0.0.0 without a direction attribute is the old way of saying sendonly.
        var offered = m.Direction ?? offer.Direction ?? (connection.IsNullAddress ? SdpDirection.SendOnly : SdpDirection.SendRecv);
        var answered = offered switch
        {
            SdpDirection.SendOnly => SdpDirection.RecvOnly,
            SdpDirection.RecvOnly => SdpDirection.SendOnly,
            SdpDirection.Inactive => SdpDirection.Inactive,
            _ => SdpDirection.SendRecv,
        };
        return new Agreement(index, codec, payloadType, eventPt, connection.HostAddress, m.Port, answered, m.Ptime);
    }

    private static string Number(ulong n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private sealed record Agreement(int Index, SdpCodec Codec, int PayloadType, int? EventPayloadType, string RemoteAddress,
        int RemotePort, SdpDirection Direction, int? RemotePtime);
}
