namespace CallFlow.Media;

/// <summary>
/// Counters of one <see cref="RtpSession"/>, a snapshot taken by <see cref="RtpSession.GetStats"/>. Lost, late and
/// duplicate counts come from the jitter buffer, so they describe audio as it was played out.
/// </summary>
/// <param name="PacketsSent">RTP packets sent (audio and telephone-event).</param>
/// <param name="PacketsReceived">Valid RTP packets accepted from the peer (audio, telephone-event, comfort noise).</param>
/// <param name="FramesDelivered">Frames handed to the sink (or that would have been, with no sink), concealment included.</param>
/// <param name="Lost">Packets missing at their playout time.</param>
/// <param name="Late">Packets that arrived after their playout time.</param>
/// <param name="Duplicates">Packets that arrived twice.</param>
/// <param name="Overflows">Waiting packets thrown away because a burst held more than the jitter buffer's capacity.</param>
/// <param name="Underruns">Times the jitter buffer ran dry while playing.</param>
/// <param name="DtmfDigits">Keys received, each counted once (RFC 4733).</param>
/// <param name="DtmfDigitsSent">Keys sent.</param>
/// <param name="Malformed">Datagrams that were not valid RTP, or telephone-event payloads that were too short.</param>
/// <param name="RtcpIgnored">RTCP packets that arrived on the RTP port.</param>
/// <param name="ForeignDropped">Packets from an address other than the latched peer.</param>
/// <param name="UnknownPayload">Packets of a payload type not negotiated.</param>
/// <param name="SendErrors">Sends the operating system refused.</param>
/// <param name="HandlerErrors">Exceptions thrown by <see cref="RtpSession.DigitReceived"/> handlers (caught, so receiving goes on).</param>
/// <param name="CaughtUp">Extra frames delivered in a tick to bring a deep receive buffer back to its prefill.</param>
/// <param name="ReceiveErrors">Reads the operating system refused (an ICMP error queued on the socket, say).</param>
public readonly record struct RtpSessionStats(
    long PacketsSent,
    long PacketsReceived,
    long FramesDelivered,
    long Lost,
    long Late,
    long Duplicates,
    long Overflows,
    long Underruns,
    long DtmfDigits,
    long DtmfDigitsSent,
    long Malformed,
    long RtcpIgnored,
    long ForeignDropped,
    long UnknownPayload,
    long SendErrors,
    long HandlerErrors,
    long CaughtUp = 0,
    long ReceiveErrors = 0);
