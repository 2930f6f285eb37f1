namespace CallFlow.Sip.Sdp;

/// <summary>
/// An RTP payload format CallFlow can handle: encoding name, clock rate, channels and the RFC 3551 static payload
/// type if it has one. Pass a list of these to <see cref="SdpAnswerer.Answer"/>.
/// </summary>
public sealed record SdpCodec(string EncodingName, int ClockRate, int? StaticPayloadType = null, int Channels = 1)
{
    /// <summary>G.711 µ-law, payload type 0.</summary>
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000, 0);

    /// <summary>G.711 A-law, payload type 8.</summary>
    public static SdpCodec Pcma { get; } = new("PCMA", 8000, 8);

    /// <summary>RFC 4733 DTMF events at 8 kHz (dynamic payload type).</summary>
    public static SdpCodec TelephoneEvent { get; } = new("telephone-event", 8000);

    /// <summary>True for telephone-event, which rides along with an audio codec rather than replacing one.</summary>
    public bool IsTelephoneEvent => EncodingName.Equals("telephone-event", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="map"/> names this format (name case-insensitive, same rate and channels).</summary>
    public bool Matches(SdpRtpMap map) =>
        map.EncodingName.Equals(EncodingName, StringComparison.OrdinalIgnoreCase) && map.ClockRate == ClockRate && (map.Channels ?? 1) == Channels;
}
