using CallFlow.Audio;

namespace CallFlow.Media;

/// <summary>
/// Plays bytes from memory, e.g. a cached prompt shared by many calls (each play takes its own source over the same
/// bytes; the bytes are never copied or changed). The bytes are in the session's law, or are re-encoded frame by
/// frame as they are read (<see cref="Transcoding"/>), so an A-law call can play the µ-law prompt cache without a
/// converted copy of every prompt per call.
/// </summary>
/// <example><code>
/// await session.PlayAsync(new MemoryAudioSource(cachedPromptMuLaw));                               // a µ-law call
/// await session.PlayAsync(MemoryAudioSource.Transcoding(cachedPromptMuLaw, G711Law.MuLaw, G711Law.ALaw)); // A-law
/// </code></example>
public sealed class MemoryAudioSource : IAudioSource
{
    private readonly G711Law _storedIn;
    private readonly G711Law _sentAs;
    private int _position;

    /// <summary>Plays <paramref name="encoded"/> as it is.</summary>
    public MemoryAudioSource(ReadOnlyMemory<byte> encoded)
        : this(encoded, G711Law.MuLaw, G711Law.MuLaw)
    {
    }

    private MemoryAudioSource(ReadOnlyMemory<byte> encoded, G711Law storedIn, G711Law sentAs) =>
        (Encoded, _storedIn, _sentAs) = (encoded, storedIn, sentAs);

    /// <summary>Plays <paramref name="encoded"/>, which is in <paramref name="storedIn"/>, re-encoded as
    /// <paramref name="sentAs"/> a frame at a time (a table lookup per byte, no allocation).</summary>
    public static MemoryAudioSource Transcoding(ReadOnlyMemory<byte> encoded, G711Law storedIn, G711Law sentAs) =>
        new(encoded, storedIn, sentAs);

    /// <summary>The whole audio, as stored.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => Encoded.Length - _position;

    /// <inheritdoc />
    public int Read(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, Remaining);
        var next = Encoded.Span.Slice(_position, count);
        if (_storedIn == _sentAs)
            next.CopyTo(destination);
        else
            G711.Transcode(next, _storedIn, destination, _sentAs);
        _position += count;
        return count;
    }
}
