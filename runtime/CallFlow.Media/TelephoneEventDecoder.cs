namespace CallFlow.Media;

/// <summary>
/// Turns RFC 4733 telephone-event packets into keys, each key exactly once. A sender repeats an event's packets
/// (every 20 ms while the key is held, the end packet three times), all with the event's RTP timestamp; a new event
/// has a new, later timestamp. So the first packet seen with a new timestamp reports the key (whatever kind it is:
/// start, continuation or end, which covers a lost start), packets with the current timestamp are repeats, and packets
/// with an older timestamp are stale (an earlier event's late retransmission) and dropped, so keys never come out
/// twice or out of order. A new SSRC starts afresh. No timing is taken from the duration field.
/// </summary>
/// <remarks>Not thread-safe: feed it from the one loop that receives the stream. Allocates nothing.</remarks>
/// <example><code>
/// if (packet.Header.PayloadType == 101 &amp;&amp; decoder.TryDecode(packet.Header.Ssrc, packet.Header.Timestamp, packet.Payload, out var key))
///     OnKey(key);
/// </code></example>
public sealed class TelephoneEventDecoder
{
    private bool _started;
    private uint _ssrc;
    private uint _timestamp;
    private byte _event;
    private bool _ended;

    /// <summary>Keys reported.</summary>
    public long Digits { get; private set; }

    /// <summary>Packets that repeated the current event (continuations and retransmitted ends).</summary>
    public long Repeats { get; private set; }

    /// <summary>Packets of an event older than the current one, dropped.</summary>
    public long Stale { get; private set; }

    /// <summary>Events that are not keys (flash, and codes above 16), counted once each and not reported.</summary>
    public long Ignored { get; private set; }

    /// <summary>Payloads shorter than the 4 bytes of an event.</summary>
    public long Malformed { get; private set; }

    /// <summary>
    /// Reads one telephone-event payload and returns true with the key when it starts a new key event; false for
    /// repeats, stale packets, non-key events and malformed payloads.
    /// </summary>
    public bool TryDecode(uint ssrc, uint timestamp, ReadOnlySpan<byte> payload, out char digit)
    {
        digit = '\0';
        if (!TelephoneEvent.TryParse(payload, out var value))
        {
            Malformed++;
            return false;
        }
        if (_started && ssrc == _ssrc)
        {
            // Serial-number arithmetic (RFC 1982) so the comparison survives the 32-bit timestamp wrapping.
            var age = (int)(timestamp - _timestamp);
            if (age == 0)
            {
                Repeats++;
                _ended |= value.End;
                return false;
            }
            if (age < 0)
            {
                Stale++;
                return false;
            }
            // RFC 4733 §2.5.1.3: an event held past 0xFFFF ticks goes on as a new segment whose timestamp is the old
            // one plus 0xFFFF, without an end bit in between. That is the same key, not a new one.
            if (!_ended && value.Event == _event && age == ushort.MaxValue)
            {
                Repeats++;
                (_timestamp, _ended) = (timestamp, value.End);
                return false;
            }
        }
        (_started, _ssrc, _timestamp, _event, _ended) = (true, ssrc, timestamp, value.Event, value.End);
        digit = TelephoneEvent.ToDigit(value.Event);
        if (digit == '\0')
        {
            Ignored++;
            return false;
        }
        Digits++;
        return true;
    }

    /// <summary>As <see cref="TryDecode(uint, uint, ReadOnlySpan{byte}, out char)"/>, from a parsed packet.</summary>
    public bool TryDecode(scoped in RtpPacket packet, out char digit) =>
        TryDecode(packet.Header.Ssrc, packet.Header.Timestamp, packet.Payload, out digit);

    /// <summary>Forgets the current event, e.g. when the remote party changes; the counters are kept.</summary>
    public void Reset() => _started = false;
}
