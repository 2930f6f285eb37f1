namespace CallFlow.Sip.Sdp;

/// <summary>
/// The result of <see cref="SdpAnswerer.Answer"/>: the answer to send and what was agreed for the one audio stream.
/// When <see cref="IsAccepted"/> is false no audio stream could be used (no common codec, no RTP/AVP audio, or
/// every audio stream disabled); the UAS should then refuse the offer with 488 Not Acceptable Here rather than
/// send <see cref="Description"/>.
/// </summary>
/// <param name="Description">The answer, one m= line per offered m= line, unused ones with port 0.</param>
/// <param name="IsAccepted">True when an audio stream was accepted.</param>
/// <param name="MediaIndex">Index of the accepted m= line, or -1.</param>
/// <param name="Codec">The codec chosen (the first of the offer's formats that CallFlow supports).</param>
/// <param name="PayloadType">The payload type of <paramref name="Codec"/>, as the offer numbered it.</param>
/// <param name="TelephoneEventPayloadType">The offer's telephone-event payload type when both sides do RFC 4733.</param>
/// <param name="RemoteAddress">Where to send RTP (the offer's c= address for the stream).</param>
/// <param name="RemotePort">The offer's port for the stream.</param>
/// <param name="Direction">The direction in the answer, from CallFlow's side (recvonly when the caller holds).</param>
/// <param name="RemotePtime">The offer's a=ptime, when it gave one.</param>
public sealed record SdpAnswer(SdpSessionDescription Description, bool IsAccepted, int MediaIndex, SdpCodec? Codec, int? PayloadType,
    int? TelephoneEventPayloadType, string? RemoteAddress, int RemotePort, SdpDirection Direction, int? RemotePtime)
{
    /// <summary>True when CallFlow may send media (answer direction sendrecv or sendonly).</summary>
    public bool MaySend => IsAccepted && Direction is SdpDirection.SendRecv or SdpDirection.SendOnly;

    /// <summary>True when CallFlow should expect media (answer direction sendrecv or recvonly).</summary>
    public bool MayReceive => IsAccepted && Direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;
}
