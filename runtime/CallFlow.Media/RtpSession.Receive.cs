using System.Net;
using System.Net.Sockets;

namespace CallFlow.Media;

// The receive loop's side of a session: one pending ReceiveFromAsync at a time, each datagram handled in place.
public sealed partial class RtpSession
{
    private const int ReceiveBufferSize = 2048; // an Ethernet MTU and then some; G.711 packets are 172 bytes

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

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield(); // leave the constructor before the first receive
        var buffer = _receiveBuffer.AsMemory();
        var errors = 0;
        while (Volatile.Read(ref _closed) == 0)
        {
            int length;
            try
            {
                // The SocketAddress overload fills _from in place: no EndPoint objects per packet (.NET 8+).
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _from).ConfigureAwait(false);
                errors = 0;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (Volatile.Read(ref _closed) != 0)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error reported on the socket, an oversized datagram: the next packet counts. An error that
                // keeps coming back must not spin a core, so back off after a few in a row.
                if (++errors > 3)
                    await Task.Delay(10).ConfigureAwait(false);
                continue;
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
            // A failing subscriber must not end the call's audio: the loop goes on, and the counter shows it.
            _handlerErrors++;
        }
    }
}
