namespace CallFlow.Media;

/// <summary>
/// The audio a session is to send, in order: each queued source plays to its end, then the next starts within the
/// same frame (so prompts built from pieces have no gaps), and the last one's final frame is padded with silence.
/// Every entry has a task that completes with how it ended: played, cut short by a key (barge-in), or stopped.
/// </summary>
/// <remarks>
/// Thread-safe: callers queue and stop from any thread while the media clock reads frames. Tasks complete with
/// continuations run asynchronously, never on the clock thread. Reading a frame allocates nothing.
/// </remarks>
/// <example><code>
/// var done = queue.Enqueue(WavAudioSource.FromFile(path, G711Law.MuLaw));
/// if (!queue.Read(frame)) { /* nothing queued: idle */ }    // per tick
/// queue.BargeIn();                                          // a key arrived
/// </code></example>
public sealed class PlayoutQueue
{
    private readonly Queue<Entry> _entries = new();
    private readonly Lock _lock = new();
    private byte _silence;

    /// <summary>Creates an empty queue whose padding is <paramref name="silence"/> (0xFF µ-law, 0xD5 A-law).</summary>
    public PlayoutQueue(byte silence = 0xFF) => _silence = silence;

    /// <summary>The padding byte; changed when the session's law is settled after the queue was made.</summary>
    internal byte Silence
    {
        get => _silence;
        set => _silence = value;
    }

    /// <summary>Sources queued or playing.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    /// <summary>Queues <paramref name="source"/>; the task tells how it ended.</summary>
    /// <param name="source">Audio in the session's law.</param>
    /// <param name="bargeIn">Whether a key stops it (Voicemail Pro prompts allow this unless told otherwise).</param>
    public Task<PlaybackEnd> Enqueue(IAudioSource source, bool bargeIn = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        var entry = new Entry(source, bargeIn);
        lock (_lock)
            _entries.Enqueue(entry);
        return entry.Done.Task;
    }

    /// <summary>
    /// Fills <paramref name="frame"/> from the queue; false, leaving it alone, when nothing is queued. Sources that end
    /// complete as <see cref="PlaybackEnd.Completed"/>; one that throws completes its task with the exception.
    /// </summary>
    public bool Read(Span<byte> frame)
    {
        lock (_lock)
        {
            if (_entries.Count == 0)
                return false;
            var filled = 0;
            while (filled < frame.Length && _entries.TryPeek(out var entry))
            {
                int count;
                try
                {
                    count = entry.Source.Read(frame[filled..]);
                }
                catch (Exception error)
                {
                    _entries.Dequeue();
                    entry.Done.TrySetException(error);
                    continue;
                }
                filled += count;
                if (filled < frame.Length)
                {
                    _entries.Dequeue();
                    entry.Done.TrySetResult(PlaybackEnd.Completed);
                }
            }
            if (filled == 0)
                return false;
            frame[filled..].Fill(_silence);
            return true;
        }
    }

    /// <summary>Ends every entry that allows barge-in, as <see cref="PlaybackEnd.BargedIn"/>; returns how many.</summary>
    public int BargeIn() => Remove(PlaybackEnd.BargedIn, onlyBargeIn: true);

    /// <summary>Ends every entry, as <paramref name="reason"/>; returns how many.</summary>
    public int Stop(PlaybackEnd reason = PlaybackEnd.Stopped) => Remove(reason, onlyBargeIn: false);

    private int Remove(PlaybackEnd reason, bool onlyBargeIn)
    {
        lock (_lock)
        {
            var removed = 0;
            for (var i = _entries.Count; i > 0; i--)
            {
                var entry = _entries.Dequeue();
                if (onlyBargeIn && !entry.BargeIn)
                {
                    _entries.Enqueue(entry); // rotating once through keeps the survivors in order
                    continue;
                }
                entry.Done.TrySetResult(reason);
                removed++;
            }
            return removed;
        }
    }

    private sealed class Entry(IAudioSource source, bool bargeIn)
    {
        public IAudioSource Source { get; } = source;

        public bool BargeIn { get; } = bargeIn;

        public TaskCompletionSource<PlaybackEnd> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
