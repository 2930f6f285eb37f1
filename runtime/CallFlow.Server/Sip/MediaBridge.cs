using CallFlow.Audio;
using CallFlow.Media;

namespace CallFlow.Server.Sip;

/// <summary>
/// Connects two call legs' audio (CallFlow as a back-to-back user agent): what one leg's session receives is played
/// out on the other's, frame by frame on the media clock, converted between µ-law and A-law when the legs differ, and
/// keys (RFC 4733) are passed on. No thread or timer of its own; a few frames of buffer per direction.
/// </summary>
/// <remarks>
/// Used when an assisted transfer, a whisper or a park pick-up connects the caller: the SIP way to hand the call over
/// entirely (REFER with Replaces, RFC 3891) depends on what the caller's side supports; relaying works with every peer.
/// The cost is that CallFlow stays in the media path until one side hangs up.
/// </remarks>
public sealed class MediaBridge
{
    private readonly RtpSession _a;
    private readonly RtpSession _b;
    private readonly Direction _toB;
    private readonly Direction _toA;
    private readonly Action<char> _digitsFromA;
    private readonly Action<char> _digitsFromB;
    private int _stopped;

    private MediaBridge(RtpSession a, RtpSession b)
    {
        _a = a;
        _b = b;
        _toB = new Direction(a.Law, b.Law, b.FrameBytes);
        _toA = new Direction(b.Law, a.Law, a.FrameBytes);
        _digitsFromA = digit => _b.SendDigits(digit.ToString());
        _digitsFromB = digit => _a.SendDigits(digit.ToString());
    }

    /// <summary>Connects <paramref name="a"/> and <paramref name="b"/>: anything they were playing stops, and from the
    /// next tick each hears the other.</summary>
    public static MediaBridge Connect(RtpSession a, RtpSession b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var bridge = new MediaBridge(a, b);
        a.StopPlayback();
        b.StopPlayback();
        a.Sink = bridge._toB;
        b.Sink = bridge._toA;
        a.DigitReceived += bridge._digitsFromA;
        b.DigitReceived += bridge._digitsFromB;
        _ = b.PlayAsync(bridge._toB, bargeIn: false);
        _ = a.PlayAsync(bridge._toA, bargeIn: false);
        return bridge;
    }

    /// <summary>Frames relayed so far, each way (for logs and tests).</summary>
    public (long AToB, long BToA) Frames => (Interlocked.Read(ref _toB.Relayed), Interlocked.Read(ref _toA.Relayed));

    /// <summary>Disconnects the legs (either side hung up); true the first time, false after.</summary>
    public bool Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return false;
        _a.DigitReceived -= _digitsFromA;
        _b.DigitReceived -= _digitsFromB;
        _a.Sink = null;
        _b.Sink = null;
        _toA.Stop();
        _toB.Stop();
        return true;
    }

    /// <summary>
    /// One direction: a sink for the receiving leg and a never-ending source for the sending leg, joined by a ring of a
    /// few frames. When nothing has arrived the source sends silence rather than ending, so the far leg's stream stays
    /// steady; an overflowing ring drops its oldest audio, which keeps latency bounded if the legs' ticks drift.
    /// </summary>
    private sealed class Direction(G711Law from, G711Law to, int frameBytes) : IAudioFrameSink, IAudioSource
    {
        private const int Frames = 6;
        private readonly Lock _lock = new();
        private readonly byte[] _ring = new byte[Frames * frameBytes];
        private readonly byte _silence = to == G711Law.MuLaw ? (byte)0xFF : (byte)0xD5;
        private int _read;
        private int _count;
        private bool _stopped;
        public long Relayed;

        public void Write(ReadOnlySpan<byte> frame)
        {
            Span<byte> converted = stackalloc byte[frame.Length];
            G711.Transcode(frame, from, converted, to);
            lock (_lock)
            {
                foreach (var b in converted)
                {
                    if (_count == _ring.Length)
                    {
                        _read = (_read + 1) % _ring.Length;
                        _count--;
                    }
                    _ring[(_read + _count) % _ring.Length] = b;
                    _count++;
                }
            }
            Interlocked.Increment(ref Relayed);
        }

        public int Read(Span<byte> destination)
        {
            lock (_lock)
            {
                if (_stopped)
                    return 0;
                var take = Math.Min(destination.Length, _count);
                for (var i = 0; i < take; i++)
                    destination[i] = _ring[(_read + i) % _ring.Length];
                _read = (_read + take) % _ring.Length;
                _count -= take;
                destination[take..].Fill(_silence);
                return destination.Length;
            }
        }

        public void Stop()
        {
            lock (_lock)
                _stopped = true;
        }
    }
}
