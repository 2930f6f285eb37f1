using System.Collections.Concurrent;
using System.Net.Sockets;

namespace CallFlow.Media;

// The clock's side of a session: one packet out, what arrived read in, one frame played out per tick. Only the clock
// thread runs this.
public sealed partial class RtpSession
{
    private readonly uint _ssrc;
    private readonly uint _timestampBase;
    private readonly int _digitGapTicks;
    private readonly TelephoneEventEncoder _encoder;
    private readonly ConcurrentQueue<char> _digitsToSend = new();
    private readonly byte[] _sendBuffer;
    private readonly byte[] _frame;
    private readonly byte[] _playoutFrame;
    private ushort _sequence;
    private long _firstTick = -1;
    private int _gapTicks;
    private bool _inTalkspurt;
    private long _packetsSent;
    private long _digitsSent;
    private long _framesDelivered;
    private long _sendErrors;

    /// <summary>
    /// Sends this tick's packet (a key's event packet, else the next frame of audio, else silence or nothing), reads
    /// the packets that arrived since the last tick, and hands one received frame to the sink. Called by the clock;
    /// bounded work, no allocation.
    /// </summary>
    public void Tick(long tickNumber)
    {
        Interlocked.Exchange(ref _inTick, 1);
        try
        {
            if (Volatile.Read(ref _closed) != 0)
                return;
            Volatile.Write(ref _tickThread, Environment.CurrentManagedThreadId);
            if (_firstTick < 0)
                _firstTick = tickNumber;
            // The timestamp follows the clock, not the packet count, so a pause in sending (idle, a skipped tick) shows
            // up as a timestamp jump, as RFC 3550 §5.1 asks.
            var timestamp = unchecked(_timestampBase + (uint)((tickNumber - _firstTick) * _frameBytes));
            SendOne(timestamp);
            // Reading and playing out share the receive buffer's lock, taken once for both.
            lock (_jitterLock)
            {
                ReceivePendingLocked(MaxDatagramsPerTick);
                DeliverOneLocked();
            }
        }
        finally
        {
            Volatile.Write(ref _tickThread, -1);
            Volatile.Write(ref _inTick, 0);
        }
    }

    private void SendOne(uint timestamp)
    {
        if (_encoder.IsActive || (_gapTicks <= 0 && StartNextDigit(timestamp)))
        {
            var payload = _sendBuffer.AsSpan(RtpPacket.FixedHeaderSize, TelephoneEvent.Size);
            _encoder.TryWriteNext(payload, out var marker);
            Send(new RtpHeader(_options.TelephoneEventPayloadType, _sequence, _encoder.Timestamp, _ssrc, marker), TelephoneEvent.Size);
            if (!_encoder.IsActive)
                _gapTicks = _digitGapTicks;
            return;
        }
        if (_gapTicks > 0)
            _gapTicks--;
        var frame = _frame.AsSpan();
        if (!_playout.Read(frame))
        {
            if (!_options.SendSilenceWhenIdle)
            {
                _inTalkspurt = false;
                return;
            }
            frame.Fill(_silence);
        }
        frame.CopyTo(_sendBuffer.AsSpan(RtpPacket.FixedHeaderSize));
        // RFC 3551 §4.1: the marker flags the first packet after a silence in which nothing was sent.
        Send(new RtpHeader(_audioPayloadType, _sequence, timestamp, _ssrc, Marker: !_inTalkspurt), _frameBytes);
        _inTalkspurt = true;
    }

    private bool StartNextDigit(uint timestamp)
    {
        if (!_digitsToSend.TryDequeue(out var digit))
            return false;
        _encoder.Start(digit, timestamp, _options.DigitDuration);
        _digitsSent++;
        return true;
    }

    private void Send(in RtpHeader header, int payloadLength)
    {
        _sequence++;
        var target = _target;
        if (target is null)
            return; // no SDP yet: time passes, nothing goes out
        var packet = _sendBuffer.AsSpan(0, RtpPacket.FixedHeaderSize + payloadLength);
        RtpPacket.WriteHeader(packet, header); // the payload is in place after it already
        try
        {
            _socket.SendTo(packet, SocketFlags.None, target.Address);
            _packetsSent++;
        }
        catch (SocketException)
        {
            _sendErrors++; // e.g. no route: the call goes on, and the counter shows it
        }
        catch (ObjectDisposedException)
        {
            // Closed under a running tick; DisposeAsync waits for this tick to end.
        }
    }

    // Catching up: when more than this many packets have waited for this many ticks in a row, a tick delivers two
    // frames instead of one until the buffer is back near its prefill.
    private const int CatchUpDepthAbovePrefill = 3;
    private const int CatchUpAfterTicks = 25;

    /// <summary>
    /// One received frame to the sink per tick, and a second one while the buffer is catching up: after a stall (a
    /// busy machine, a network burst) the packets that piled up would otherwise stay queued for the rest of the call,
    /// as the sender goes on at the same pace, adding their delay to everything and overflowing the buffer at the next
    /// burst. Delivering them a little faster loses no audio. The caller holds the buffer's lock, so the sink is
    /// written under it and frames drained at hang-up (<see cref="DrainReceived"/>) cannot overtake them.
    /// </summary>
    private void DeliverOneLocked()
    {
        if (_jitter.Playout(_playoutFrame) == JitterBufferPlayout.None)
            return;
        _framesDelivered++;
        _sink?.Write(_playoutFrame);
        _deepTicks = _jitter.Depth > _options.JitterPrefill + CatchUpDepthAbovePrefill ? _deepTicks + 1 : 0;
        if (_deepTicks >= CatchUpAfterTicks && _jitter.Playout(_playoutFrame) != JitterBufferPlayout.None)
        {
            _framesDelivered++;
            _caughtUp++;
            _sink?.Write(_playoutFrame);
        }
    }

    /// <summary>
    /// Delivers every frame still waiting to the sink at once, both those in the receive buffer and those the socket
    /// holds that no tick has read yet: when the caller hangs up, the last moments they said before the BYE are
    /// there, and a recording must not lose them. Safe after the session has closed; returns the frames delivered.
    /// </summary>
    public int DrainReceived()
    {
        var drained = 0;
        lock (_jitterLock)
        {
            if (Volatile.Read(ref _closed) == 0)
                ReceivePendingLocked(_jitter.Capacity);
            while (_jitter.Depth > 0 && _jitter.Playout(_playoutFrame) != JitterBufferPlayout.None && drained < _jitter.Capacity * 4)
            {
                drained++;
                _sink?.Write(_playoutFrame);
            }
        }
        return drained;
    }
}
