namespace CallFlow.Media;

/// <summary>
/// Produces the RFC 4733 packets of one key press, one per media tick: the first with the marker bit, one every
/// packet time with the duration so far, the last with the end bit, and that end packet twice more (§2.5.1.4), so a
/// receiver that loses one still sees the end. Every packet carries the event's start timestamp; the caller gives
/// each its own sequence number. Allocates nothing.
/// </summary>
/// <example><code>
/// encoder.Start('5', timestamp: rtpTimestampNow, TimeSpan.FromMilliseconds(100));
/// while (encoder.TryWriteNext(payload, out var marker)) Send(payloadType: 101, encoder.Timestamp, marker, payload[..4]);
/// </code></example>
public sealed class TelephoneEventEncoder
{
    /// <summary>How long a key is held when nothing else is said: 100 ms, comfortably above the 40 ms of ITU-T Q.24.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>Times the end packet goes out in all (§2.5.1.4).</summary>
    public const int EndPacketCount = 3;

    private readonly int _samplesPerPacket;
    private readonly byte _volume;
    private byte _event;
    private int _durationSamples;
    private int _updates;
    private int _total;
    private int _sent;

    /// <summary>Creates an encoder for packets <paramref name="samplesPerPacket"/> ticks apart (160 = 20 ms at 8 kHz).</summary>
    /// <param name="samplesPerPacket">Timestamp ticks between updates.</param>
    /// <param name="volume">The tone's level in −dBm0, 0..63; 10 is a typical DTMF level.</param>
    public TelephoneEventEncoder(int samplesPerPacket = 160, byte volume = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplesPerPacket);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, (byte)63);
        (_samplesPerPacket, _volume) = (samplesPerPacket, volume);
    }

    /// <summary>True from <see cref="Start"/> until the last end packet has been written.</summary>
    public bool IsActive => _sent < _total;

    /// <summary>The RTP timestamp every packet of the current event carries: when the key went down.</summary>
    public uint Timestamp { get; private set; }

    /// <summary>Begins an event for <paramref name="digit"/> that lasts <paramref name="duration"/> (at 8 kHz).</summary>
    /// <exception cref="ArgumentException">Not a key RFC 4733 can carry (0-9, *, #, A-D).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or longer than one segment (0xFFFF ticks ≈ 8.2 s).</exception>
    public void Start(char digit, uint timestamp, TimeSpan duration)
    {
        if (!TelephoneEvent.TryGetEventCode(digit, out var code))
            throw new ArgumentException($"'{digit}' is not a DTMF key (0-9, *, #, A-D)", nameof(digit));
        var samples = duration.Ticks * 8000 / TimeSpan.TicksPerSecond;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples, nameof(duration));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples, ushort.MaxValue, nameof(duration));
        (_event, _durationSamples, Timestamp, _sent) = (code, (int)samples, timestamp, 0);
        _updates = (_durationSamples + _samplesPerPacket - 1) / _samplesPerPacket;
        _total = _updates + EndPacketCount - 1; // the last update is the first end packet
    }

    /// <summary>
    /// Writes the next 4-byte payload; <paramref name="marker"/> is set on the first. False, writing nothing, once the
    /// event is over (or before any <see cref="Start"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is shorter than 4 bytes.</exception>
    public bool TryWriteNext(Span<byte> payload, out bool marker)
    {
        marker = false;
        if (!IsActive)
            return false;
        if (payload.Length < TelephoneEvent.Size)
            throw new ArgumentException("a telephone-event payload takes 4 bytes", nameof(payload));
        var update = Math.Min(_sent + 1, _updates);
        var end = update == _updates;
        var duration = end ? _durationSamples : update * _samplesPerPacket;
        new TelephoneEvent(_event, end, _volume, (ushort)duration).TryWrite(payload);
        marker = _sent == 0;
        _sent++;
        return true;
    }

    /// <summary>Drops the current event at once (no more packets, not even its end).</summary>
    public void Cancel() => _sent = _total;
}
