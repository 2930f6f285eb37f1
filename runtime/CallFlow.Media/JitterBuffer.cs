namespace CallFlow.Media;

/// <summary>
/// A small, fixed-capacity receive buffer for one RTP stream. Packets go in by sequence number (wrapping at 65536) in
/// any order; <see cref="Playout"/> takes one frame per media tick in sequence order. A packet still missing at its
/// turn while later ones wait is counted lost and played as silence; duplicates and packets whose turn has passed are
/// dropped. Playout starts once <c>prefill</c> packets wait, and starts over the same way after the buffer runs dry,
/// which rebuilds the cushion against network jitter. Packets of any length up to the slot size are cut into frames
/// of the caller's size, so a 30 ms sender feeds 20 ms frames.
/// </summary>
/// <remarks>
/// All storage is allocated by the constructor; inserting and playing out allocate nothing. Not thread-safe: a
/// session serialises its receive loop and its media tick around it.
/// </remarks>
/// <example><code>
/// var buffer = new JitterBuffer(capacity: 8, silence: 0xFF);     // 160 ms of 20 ms packets, µ-law silence
/// buffer.Insert(packet.Header.SequenceNumber, packet.Payload);  // on receive
/// if (buffer.Playout(frame) != JitterBufferPlayout.None) sink.Write(frame); // every 20 ms
/// </code></example>
public sealed class JitterBuffer
{
    /// <summary>Slots when nothing else is said: 8 packets, 160 ms of 20 ms audio.</summary>
    public const int DefaultCapacity = 8;

    /// <summary>Packets waiting (or ticks the first has waited) before playout starts: 2, so 20 to 40 ms of cushion.</summary>
    public const int DefaultPrefill = 2;

    /// <summary>The largest payload a slot holds when nothing else is said: 60 ms of G.711.</summary>
    public const int DefaultMaxPayload = 480;

    // RFC 3550 A.1's limits: a packet this far behind or ahead is not part of the stream until a second one agrees.
    private const int MaxMisorder = 100;
    private const int MaxDropout = 3000;

    private readonly byte[] _data;
    private readonly int[] _lengths;
    private readonly SlotState[] _states;
    private readonly int _capacity;
    private readonly int _maxPayload;
    private readonly int _prefill;
    private byte _silence;

    private bool _started;
    private bool _advanced;
    private bool _playing;
    private int _waited;
    private ushort _head;
    private int _headIndex;
    private int _span;
    private int _cursor;
    private bool _concealingHead;
    private int _occupied;
    private int _audioWaiting;
    private int _lastLength = 160;
    private ulong _played;
    private bool _probing;
    private ushort _probe;

    /// <summary>The byte that plays as silence; changed (under the session's lock) when the session's law is settled.</summary>
    internal byte Silence
    {
        get => _silence;
        set => _silence = value;
    }

    /// <summary>Creates a buffer and all its storage.</summary>
    /// <param name="capacity">Packets held at most (2..64); also the most a packet may arrive ahead of its turn.</param>
    /// <param name="prefill">Audio packets that must wait before playout (re)starts, or ticks the first of fewer must wait (1..capacity).</param>
    /// <param name="maxPayload">Largest payload in bytes; longer ones are refused.</param>
    /// <param name="silence">The byte that plays as silence: 0xFF for µ-law, 0xD5 for A-law.</param>
    public JitterBuffer(int capacity = DefaultCapacity, int prefill = DefaultPrefill, int maxPayload = DefaultMaxPayload, byte silence = 0xFF)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(prefill, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefill, capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayload);
        (_capacity, _prefill, _maxPayload, _silence) = (capacity, prefill, maxPayload, silence);
        // On the pinned heap: the slots live as long as the call, and the garbage collector never moves pinned objects,
        // so a collection while a thousand calls are ramping up does not copy their buffers (the pause is the clock's).
        _data = GC.AllocateUninitializedArray<byte>(capacity * maxPayload, pinned: true);
        _lengths = new int[capacity];
        _states = new SlotState[capacity];
    }

    private enum SlotState : byte
    {
        Empty,
        Audio,
        NonAudio,
    }

    /// <summary>Slots in all.</summary>
    public int Capacity => _capacity;

    /// <summary>Audio packets waiting now.</summary>
    public int Depth => _audioWaiting;

    /// <summary>True while frames are being played; false while (re)filling.</summary>
    public bool IsPlaying => _playing;

    /// <summary>Audio packets accepted.</summary>
    public long Received { get; private set; }

    /// <summary>Audio packets played out in full.</summary>
    public long Played { get; private set; }

    /// <summary>Packets missing at their turn (played as silence, or stepped over when the stream jumped ahead).</summary>
    public long Lost { get; private set; }

    /// <summary>Packets that arrived after their turn.</summary>
    public long Late { get; private set; }

    /// <summary>Packets that arrived twice (waiting or already played).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Waiting packets thrown away to make room when one arrived more than the capacity ahead.</summary>
    public long Overflows { get; private set; }

    /// <summary>Times the buffer ran dry while playing.</summary>
    public long Underruns { get; private set; }

    /// <summary>Packets refused as empty, too big, or out of range.</summary>
    public long Invalid { get; private set; }

    /// <summary>Stores an audio payload under its sequence number (copying it); allocates nothing.</summary>
    public JitterBufferInsert Insert(ushort sequenceNumber, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload.Length > _maxPayload)
        {
            Invalid++;
            return JitterBufferInsert.Invalid;
        }
        var result = Place(sequenceNumber, SlotState.Audio, out var index);
        if (result != JitterBufferInsert.Accepted)
            return result;
        payload.CopyTo(_data.AsSpan(index * _maxPayload));
        _lengths[index] = payload.Length;
        _audioWaiting++;
        Received++;
        return result;
    }

    /// <summary>
    /// Marks a sequence number that carried no audio (a telephone-event or comfort-noise packet of the same stream),
    /// so playout steps over it instead of counting it lost.
    /// </summary>
    public JitterBufferInsert Skip(ushort sequenceNumber) => Place(sequenceNumber, SlotState.NonAudio, out _);

    /// <summary>
    /// Fills <paramref name="frame"/> with the next audio in sequence order, or silence for a lost packet; returns
    /// <see cref="JitterBufferPlayout.None"/>, leaving the frame alone, while the buffer is filling. Call once per tick.
    /// </summary>
    public JitterBufferPlayout Playout(Span<byte> frame)
    {
        if (!_playing)
        {
            while (_occupied > 0 && _states[_headIndex] == SlotState.NonAudio)
                Release(playedAudio: false);
            // Start once prefill packets wait, or once the first has waited prefill ticks: the tail of a talkspurt
            // shorter than the prefill must come out too, not sit here until the next one.
            if (_audioWaiting == 0 || frame.IsEmpty)
                return JitterBufferPlayout.None;
            if (_audioWaiting < _prefill && ++_waited < _prefill)
                return JitterBufferPlayout.None;
            (_playing, _waited) = (true, 0);
        }
        var filled = 0;
        var real = false;
        while (filled < frame.Length)
        {
            var state = _states[_headIndex];
            if (state == SlotState.Audio)
            {
                var length = _lengths[_headIndex];
                var count = Math.Min(length - _cursor, frame.Length - filled);
                _data.AsSpan(_headIndex * _maxPayload + _cursor, count).CopyTo(frame[filled..]);
                (filled, _cursor, real) = (filled + count, _cursor + count, true);
                if (_cursor == length)
                {
                    _lastLength = length;
                    Played++;
                    Release(playedAudio: true);
                }
            }
            else if (state == SlotState.NonAudio)
            {
                Release(playedAudio: false);
            }
            else if (_occupied == 0)
            {
                if (filled == 0)
                {
                    _playing = false;
                    Underruns++;
                    return JitterBufferPlayout.None;
                }
                frame[filled..].Fill(_silence);
                break;
            }
            else
            {
                // The head is missing but later packets wait: it is lost. Conceal it with as much silence as the last
                // packet held, so the stream keeps its timing whatever the sender's packet time.
                if (!_concealingHead)
                {
                    _concealingHead = true;
                    Lost++;
                }
                var count = Math.Min(_lastLength - _cursor, frame.Length - filled);
                frame.Slice(filled, count).Fill(_silence);
                (filled, _cursor) = (filled + count, _cursor + count);
                if (_cursor >= _lastLength)
                    Advance(playedAudio: false);
            }
        }
        return real ? JitterBufferPlayout.Audio : JitterBufferPlayout.Concealed;
    }

    /// <summary>Empties the buffer and forgets the sequence (a new stream follows); the counters are kept.</summary>
    public void Reset()
    {
        Array.Clear(_states);
        (_started, _advanced, _playing, _waited, _span, _cursor, _concealingHead) = (false, false, false, 0, 0, 0, false);
        (_occupied, _audioWaiting, _played, _probing) = (0, 0, 0, false);
    }

    private JitterBufferInsert Place(ushort sequenceNumber, SlotState state, out int index)
    {
        index = -1;
        if (!_started)
            (_started, _head, _headIndex) = (true, sequenceNumber, 0);
        var offset = (int)(short)(ushort)(sequenceNumber - _head);
        if (offset < -MaxMisorder || offset >= MaxDropout)
            return Probe(sequenceNumber, state, out index);
        if (offset < 0 && !_advanced && _cursor == 0 && _span - offset <= _capacity)
        {
            // Nothing has played yet, so a packet that overtook its predecessor at the very start moves the head back.
            (_head, _headIndex, _span) = (sequenceNumber, (_headIndex + offset + _capacity) % _capacity, _span - offset);
            offset = 0;
        }
        if (offset < 0 || (offset == 0 && _concealingHead))
            return Behind(offset, state);
        if (offset >= _capacity)
        {
            // Too far ahead to wait for what is missing: step over the oldest slots so this one fits.
            for (var i = offset - _capacity + 1; i > 0; i--)
                Drop();
            offset = _capacity - 1;
        }
        _probing = false;
        index = (_headIndex + offset) % _capacity;
        if (_states[index] != SlotState.Empty)
        {
            if (state == SlotState.Audio)
                Duplicates++;
            return JitterBufferInsert.Duplicate;
        }
        _states[index] = state;
        _occupied++;
        _span = Math.Max(_span, offset + 1);
        return JitterBufferInsert.Accepted;
    }

    private JitterBufferInsert Behind(int offset, SlotState state)
    {
        // _played keeps one bit per recent turn: 1 when a real packet played, so a second copy is a duplicate.
        var back = offset == 0 ? -1 : -offset - 1;
        var duplicate = back is >= 0 and < 64 && (_played >> back & 1) != 0;
        if (state == SlotState.Audio)
        {
            if (duplicate)
                Duplicates++;
            else
                Late++;
        }
        return duplicate ? JitterBufferInsert.Duplicate : JitterBufferInsert.Late;
    }

    private JitterBufferInsert Probe(ushort sequenceNumber, SlotState state, out int index)
    {
        index = -1;
        if (_probing && sequenceNumber == (ushort)(_probe + 1))
        {
            // Two packets in a row agree on a new place in the sequence (the sender restarted): follow them.
            Reset();
            return Place(sequenceNumber, state, out index);
        }
        (_probing, _probe) = (true, sequenceNumber);
        if (state == SlotState.Audio)
            Invalid++;
        return JitterBufferInsert.Invalid;
    }

    private void Drop()
    {
        var state = _states[_headIndex];
        if (state == SlotState.Audio)
            Overflows++;
        else if (state == SlotState.Empty && !_concealingHead)
            Lost++;
        if (state == SlotState.Empty)
            Advance(playedAudio: false);
        else
            Release(playedAudio: false);
    }

    private void Release(bool playedAudio)
    {
        if (_states[_headIndex] == SlotState.Audio)
            _audioWaiting--;
        _states[_headIndex] = SlotState.Empty;
        _occupied--;
        Advance(playedAudio);
    }

    private void Advance(bool playedAudio)
    {
        _played = (_played << 1) | (playedAudio ? 1UL : 0UL);
        _head++;
        _headIndex = (_headIndex + 1) % _capacity;
        _span = Math.Max(0, _span - 1);
        (_cursor, _concealingHead, _advanced) = (0, false, true);
    }
}
