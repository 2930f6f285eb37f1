using System.Net;
using CallFlow.Audio;

namespace CallFlow.Media;

/// <summary>How an <see cref="RtpSession"/> binds and what it sends; the SIP layer fills it from the negotiated SDP.</summary>
/// <example><code>new RtpSessionOptions { LocalAddress = IPAddress.Loopback, Law = G711Law.ALaw, TelephoneEventPayloadType = 96 }</code></example>
public sealed record RtpSessionOptions
{
    /// <summary>The address to bind; any IPv4 address when not set.</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Any;

    /// <summary>Where the port comes from; <see cref="RtpPortAllocator.Default"/> when not set.</summary>
    public RtpPortAllocator Ports { get; init; } = RtpPortAllocator.Default;

    /// <summary>The negotiated G.711 law, for sending and receiving.</summary>
    public G711Law Law { get; init; } = G711Law.MuLaw;

    /// <summary>The audio payload type; when null, the static one of the law (PCMU 0, PCMA 8; RFC 3551).</summary>
    public byte? AudioPayloadType { get; init; }

    /// <summary>The dynamic payload type negotiated for <c>telephone-event/8000</c>; 101 by custom.</summary>
    public byte TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>Jitter buffer slots (packets); see <see cref="JitterBuffer"/>.</summary>
    public int JitterCapacity { get; init; } = JitterBuffer.DefaultCapacity;

    /// <summary>Packets the jitter buffer gathers before it plays; see <see cref="JitterBuffer"/>.</summary>
    public int JitterPrefill { get; init; } = JitterBuffer.DefaultPrefill;

    /// <summary>
    /// Whether silence is sent while nothing plays, so the stream never pauses (what a PBX expects of a voicemail
    /// port, and what keeps NAT bindings and the peer's latching alive). When false, nothing is sent while idle and
    /// the first packet after a pause carries the marker bit.
    /// </summary>
    public bool SendSilenceWhenIdle { get; init; } = true;

    /// <summary>
    /// Symmetric RTP (RFC 4961): send to wherever the peer's RTP comes from, latching on its first valid packet, and
    /// accept packets only from there. When false, send to the SDP address and accept from anywhere.
    /// </summary>
    public bool SymmetricRtp { get; init; } = true;

    /// <summary>How long each key sent by <see cref="RtpSession.SendDigits"/> is held.</summary>
    public TimeSpan DigitDuration { get; init; } = TelephoneEventEncoder.DefaultDuration;

    /// <summary>Pause between two keys sent in a row, during which audio goes on.</summary>
    public TimeSpan DigitGap { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Our SSRC; random when null (RFC 3550 §8.1).</summary>
    public uint? Ssrc { get; init; }
}
