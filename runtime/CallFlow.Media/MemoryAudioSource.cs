namespace CallFlow.Media;

/// <summary>
/// Plays bytes already in the session's law from memory, e.g. a cached prompt shared by many calls (each play takes
/// its own source over the same bytes; the bytes are never copied or changed).
/// </summary>
/// <example><code>await session.PlayAsync(new MemoryAudioSource(cachedPromptMuLaw));</code></example>
public sealed class MemoryAudioSource(ReadOnlyMemory<byte> encoded) : IAudioSource
{
    private int _position;

    /// <summary>The whole audio.</summary>
    public ReadOnlyMemory<byte> Encoded { get; } = encoded;

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => Encoded.Length - _position;

    /// <inheritdoc />
    public int Read(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, Remaining);
        Encoded.Span.Slice(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }
}
