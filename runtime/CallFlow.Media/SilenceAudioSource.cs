using CallFlow.Audio;

namespace CallFlow.Media;

/// <summary>A stretch of silence in a G.711 law (µ-law 0xFF, A-law 0xD5), e.g. a pause between prompts.</summary>
/// <example><code>session.PlayAsync(new SilenceAudioSource(TimeSpan.FromMilliseconds(500), G711Law.MuLaw));</code></example>
public sealed class SilenceAudioSource : IAudioSource
{
    private readonly byte _silence;
    private long _remaining;

    /// <summary>Creates <paramref name="duration"/> of silence at 8 kHz, rounded down to whole samples.</summary>
    public SilenceAudioSource(TimeSpan duration, G711Law law)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _remaining = duration.Ticks * 8000 / TimeSpan.TicksPerSecond;
        _silence = G711.Encode(0, law);
    }

    /// <inheritdoc />
    public int Read(Span<byte> destination)
    {
        var count = (int)Math.Min(destination.Length, _remaining);
        destination[..count].Fill(_silence);
        _remaining -= count;
        return count;
    }
}
