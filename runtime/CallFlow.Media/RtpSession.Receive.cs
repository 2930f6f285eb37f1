using System.Net;
using System.Net.Sockets;

namespace CallFlow.Media;

// The receive side of a session: read on the clock's tick, not by a pending receive per socket. Each tick takes what
// the socket holds (one packet, normally) with non-blocking reads on the clock thread; nothing goes through the
// socket engine or the thread pool. At a thousand calls that is 50,000 packets a second that would each have been an
// epoll wake-up and a thread-pool work item (about 15 µs of CPU apiece, measured in docs/benchmarks.md); read in
// the tick a packet costs two short system calls.
public sealed partial class RtpSession
{
    private const int ReceiveBufferSize = 2048; // an Ethernet MTU and then some; G.711 packets are 172 bytes

    /// <summary>
    /// The most datagrams one tick reads from the socket: a stream sends one a tick, a few more after a stall
    /// (the catch-up of the peer, or of this clock); anything beyond waits for the next tick. It bounds the clock's
    /// work per session, so a flood aimed at one port cannot take the other calls' time (the kernel drops what
    /// overflows the socket's buffer).
    /// </summary>
    internal const int MaxDatagramsPerTick = 16;

    private readonly byte[] _receiveBuffer;
    private readonly SocketAddress _from;
    private readonly TelephoneEventDecoder _decoder = new();
    private bool _haveRemoteSsrc;
    private uint _remoteSsrc;
    private long _packetsReceived;
    private long _digitsReceived;
    private long _malformed;
    private long _rtcpIgnored;
    private long _foreignDropped;
    private long _unknownPayload;
    private long _handlerErrors;
    private long _receiveErrors;

    /// <summary>
    /// Reads and handles what is waiting on the socket, up to <paramref name="most"/> datagrams, without blocking.
    /// Poll before each read (rather than the byte count the socket reports) so that an empty datagram, whose count is
    /// zero, is read and dropped instead of blocking everything queued behind it. The clock's tick and
    /// <see cref="DrainReceived"/> both read, so the caller holds the receive buffer's lock (which is re-entrant: a
    /// datagram's handling takes it again).
    /// </summary>
    private void ReceivePendingLocked(int most)
    {
        for (var i = 0; i < most; i++)
        {
            int length;
            try
            {
                if (!_socket.Poll(0, SelectMode.SelectRead))
                    return;
                // The SocketAddress overload fills _from in place: no EndPoint objects per packet (.NET 8+).
                length = _socket.ReceiveFrom(_receiveBuffer, SocketFlags.None, _from);
            }
            catch (ObjectDisposedException)
            {
                return; // closed under a running tick; DisposeAsync waits for the tick to end
            }
            catch (SocketException)
            {
                // An ICMP error reported on the socket, an oversized datagram: counted, and the next tick reads on.
                _receiveErrors++;
                return;
            }
            HandleDatagram(_receiveBuffer.AsSpan(0, length), _from);
        }
    }

    /// <summary>One datagram from <paramref name="from"/>: RTCP ignored, RTP checked, latched, buffered or decoded.</summary>
    internal void HandleDatagram(ReadOnlySpan<byte> datagram, SocketAddress from)
    {
        if (RtpPacket.IsRtcp(datagram))
        {
            _rtcpIgnored++;
            return;
        }
        if (!RtpPacket.TryParse(datagram, out var packet))
        {
            _malformed++;
            return;
        }
        var payloadType = packet.Header.PayloadType;
        if (payloadType != _audioPayloadType && payloadType != _options.TelephoneEventPayloadType && payloadType != ComfortNoisePayloadType)
        {
            _unknownPayload++;
            return;
        }
        if (!AcceptSource(from))
        {
            _foreignDropped++;
            return;
        }
        _packetsReceived++;
        if (!_haveRemoteSsrc || packet.Header.Ssrc != _remoteSsrc)
            StartRemoteStream(packet.Header.Ssrc);
        var sequence = packet.Header.SequenceNumber;
        if (payloadType == _audioPayloadType)
        {
            lock (_jitterLock)
                _jitter.Insert(sequence, packet.Payload);
            return;
        }
        // Telephone-event and comfort-noise packets share the sequence numbers: mark theirs, or they would count as lost.
        lock (_jitterLock)
            _jitter.Skip(sequence);
        if (payloadType != _options.TelephoneEventPayloadType)
            return;
        if (packet.Payload.Length < TelephoneEvent.Size)
            _malformed++;
        else if (_decoder.TryDecode(packet, out var digit))
            OnDigit(digit);
    }

    private bool AcceptSource(SocketAddress from)
    {
        if (!_options.SymmetricRtp)
            return true;
        var latched = _latched;
        if (latched is not null)
            return latched.Address.Equals(from);
        // Symmetric RTP: the first valid packet shows where the peer really is (behind NAT the SDP address is often
        // private); send there from now on and take packets from nowhere else until the SDP changes.
        latched = new Target(from);
        _latched = latched;
        _target = latched;
        return true;
    }

    private void StartRemoteStream(uint ssrc)
    {
        // A new SSRC is a new stream (the peer restarted it, or the PBX switched the source): new sequence, new events.
        (_haveRemoteSsrc, _remoteSsrc) = (true, ssrc);
        lock (_jitterLock)
            _jitter.Reset();
        _decoder.Reset();
    }

    private void OnDigit(char digit)
    {
        _digitsReceived++;
        _playout.BargeIn();
        try
        {
            DigitReceived?.Invoke(digit);
        }
        catch (Exception)
        {
            // A failing subscriber must not end the call's audio: the tick goes on, and the counter shows it.
            _handlerErrors++;
        }
    }
}
