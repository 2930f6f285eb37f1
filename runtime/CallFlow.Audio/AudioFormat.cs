namespace CallFlow.Audio;

/// <summary>
/// An encoding with its sample rate and channel count. Samples of all channels interleave in frames of
/// <see cref="BlockAlign"/> bytes.
/// </summary>
/// <example><code>AudioFormat.Telephony(AudioEncoding.MuLaw) == new AudioFormat(AudioEncoding.MuLaw, 8000, 1)</code></example>
public sealed record AudioFormat
{
    /// <summary>The highest rate accepted; above any real audio interface, low enough that byte rates fit in 32 bits.</summary>
    public const int MaxSampleRate = 768_000;

    /// <summary>The most channels accepted; WAVE_FORMAT_EXTENSIBLE names 18 speaker positions, so 32 leaves headroom.</summary>
    public const int MaxChannels = 32;

    /// <summary>Creates a format, checking that every field is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown encoding, or a rate or channel count out of range.</exception>
    public AudioFormat(AudioEncoding encoding, int sampleRate, int channels)
    {
        if (!Enum.IsDefined(encoding))
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "the encoding must be Pcm16, ALaw or MuLaw");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxSampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, MaxChannels);
        (Encoding, SampleRate, Channels) = (encoding, sampleRate, channels);
    }

    /// <summary>How samples are stored.</summary>
    public AudioEncoding Encoding { get; }

    /// <summary>Sample frames per second, e.g. 8000.</summary>
    public int SampleRate { get; }

    /// <summary>Interleaved channels, e.g. 1.</summary>
    public int Channels { get; }

    /// <summary>Bytes of one sample of one channel: 2 for PCM16, 1 for G.711.</summary>
    public int BytesPerSample => Encoding == AudioEncoding.Pcm16 ? 2 : 1;

    /// <summary>Bytes of one frame (one sample of every channel).</summary>
    public int BlockAlign => BytesPerSample * Channels;

    /// <summary>Bytes of one second of audio.</summary>
    public int BytesPerSecond => BlockAlign * SampleRate;

    /// <summary>8 kHz mono in the given encoding: what telephony carries and what CallFlow writes.</summary>
    public static AudioFormat Telephony(AudioEncoding encoding) => new(encoding, 8000, 1);

    /// <summary>How long <paramref name="byteCount"/> bytes play, exact to the tick (100 ns).</summary>
    /// <example><code>AudioFormat.Telephony(AudioEncoding.MuLaw).DurationOf(480_000) == TimeSpan.FromSeconds(60)</code></example>
    public TimeSpan DurationOf(long byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        // Multiply before dividing so the result is exact; Int128 keeps that from overflowing for any long count.
        return TimeSpan.FromTicks((long)((Int128)byteCount * TimeSpan.TicksPerSecond / BytesPerSecond));
    }
}
