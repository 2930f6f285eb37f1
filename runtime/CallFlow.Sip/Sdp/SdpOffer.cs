using System.Collections.Immutable;
using System.Globalization;

namespace CallFlow.Sip.Sdp;

/// <summary>
/// The offer CallFlow makes when it places a call (RFC 3264 §5): one audio stream with G.711 µ-law and A-law at their
/// static payload types and telephone-event (RFC 4733) at 101, 20 ms packets, send and receive. The answer is read
/// with <see cref="Accept"/>, which agrees on its first format CallFlow offered, the same way an offer is answered.
/// </summary>
/// <example><code>
/// var offer = SdpOffer.Create(4242, "192.0.2.10", 40000);
/// var agreed = SdpOffer.Accept(answerFrom200);   // Codec, EventPayloadType, RemoteAddress, RemotePort
/// </code></example>
public static class SdpOffer
{
    /// <summary>The payload type offered for telephone-event.</summary>
    public const int TelephoneEventPayloadType = 101;

    /// <summary>An offer with CallFlow's media at <paramref name="localAddress"/>:<paramref name="localPort"/>.</summary>
    public static SdpSessionDescription Create(ulong sessionId, string localAddress, int localPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localAddress);
        ArgumentOutOfRangeException.ThrowIfLessThan(localPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localPort, 65535);
        var te = TelephoneEventPayloadType.ToString(CultureInfo.InvariantCulture);
        var audio = new SdpMediaDescription("audio", localPort, null, "RTP/AVP", ["0", "8", te], null, [],
        [
            new SdpAttribute("rtpmap", new SdpRtpMap(0, "PCMU", 8000).ToString()),
            new SdpAttribute("rtpmap", new SdpRtpMap(8, "PCMA", 8000).ToString()),
            new SdpAttribute("rtpmap", new SdpRtpMap(TelephoneEventPayloadType, "telephone-event", 8000).ToString()),
            new SdpAttribute("fmtp", $"{te} 0-16"),
            new SdpAttribute("ptime", "20"),
            new SdpAttribute("sendrecv"),
        ]);
        var id = sessionId.ToString(CultureInfo.InvariantCulture);
        var connection = SdpConnection.For(localAddress);
        return new SdpSessionDescription(new SdpOrigin("CallFlow", id, id, "IN", connection.AddressType, localAddress), "CallFlow",
            connection, ["0 0"], [], [], ImmutableArray.Create(audio));
    }

    /// <summary>
    /// What an answer agreed to: its first audio format CallFlow supports, telephone-event if present, and where to
    /// send. Not accepted when the answer has no usable audio stream (the call must then be ended, RFC 3264 §6.1).
    /// </summary>
    public static SdpAnswer Accept(SdpSessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        // Reading an answer is agreeing on its formats: the answerer's logic does exactly that; its own description
        // (what CallFlow would answer) is not used.
        return new SdpAnswerer(0).Answer(answer, "0.0.0.0", 9, [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent]);
    }
}
