namespace CallFlow.Speech.Tts;

/// <summary>
/// Rendered speech by (voice, text), least recently used out first, bounded by the bytes of audio it holds (an entry
/// counts its audio plus its key). Thread-safe; audio arrays are shared and never changed. The key is a pair of the
/// caller's own strings, so a lookup allocates nothing.
/// </summary>
internal sealed class AudioCache(long capacityBytes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string, string), LinkedListNode<((string, string) Key, byte[] Audio)>> _entries = new();
    private readonly LinkedList<((string, string) Key, byte[] Audio)> _recency = new(); // most recent first
    private long _bytes;

    /// <summary>Bytes counted now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
                return _bytes;
        }
    }

    /// <summary>Entries held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    public bool TryGet((string Voice, string Text) key, out byte[] audio)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                audio = node.Value.Audio;
                return true;
            }
        }
        audio = [];
        return false;
    }

    /// <summary>Adds or refreshes an entry, then evicts from the least recent end; an entry bigger than the whole cache is not kept.</summary>
    public void Add((string Voice, string Text) key, byte[] audio)
    {
        var size = Size(key, audio);
        if (size > capacityBytes)
            return;
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
                _bytes -= Size(old.Value.Key, old.Value.Audio);
            }
            _entries[key] = _recency.AddFirst((key, audio));
            _bytes += size;
            while (_bytes > capacityBytes && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
                _bytes -= Size(last.Value.Key, last.Value.Audio);
            }
        }
    }

    private static long Size((string Voice, string Text) key, byte[] audio) => audio.Length + 2L * (key.Voice.Length + key.Text.Length);
}
