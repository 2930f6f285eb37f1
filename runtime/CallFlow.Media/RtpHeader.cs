namespace CallFlow.Media;

/// <summary>
/// The fields of an RTP fixed header that a sender chooses (RFC 3550 §5.1). Version is always 2; CSRCs, padding and
/// header extensions are read by <see cref="RtpPacket.TryParse"/> but never written.
/// </summary>
/// <param name="PayloadType">0..127, e.g. 0 for PCMU, 8 for PCMA, 101 for a negotiated telephone-event.</param>
/// <param name="SequenceNumber">Increments by one per packet sent, wrapping at 65536.</param>
/// <param name="Timestamp">The sampling instant of the first payload byte, in 8 kHz ticks for G.711.</param>
/// <param name="Ssrc">The sender's synchronisation source.</param>
/// <param name="Marker">For audio, the first packet of a talkspurt; for telephone-event, the first packet of an event.</param>
/// <example><code>new RtpHeader(PayloadType: 0, SequenceNumber: 1, Timestamp: 160, Ssrc: 0x1234, Marker: true)</code></example>
public readonly record struct RtpHeader(byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, bool Marker = false);
