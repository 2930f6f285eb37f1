using CallFlow.Audio;

namespace CallFlow.Media;

/// <summary>
/// A WAV prompt made ready to send: read with <see cref="WavReader"/> and re-encoded into the session's law by
/// <see cref="SampleConverter"/> (PCM16, A-law or µ-law in; 8 kHz mono only, as CallFlow does not resample). The file
/// is read and converted when the source is made, never on the media thread.
/// </summary>
/// <example><code>await session.PlayAsync(WavAudioSource.FromFile("prompts/en/welcome.wav", session.Law));</code></example>
public sealed class WavAudioSource : IAudioSource
{
    private readonly MemoryAudioSource _audio;

    private WavAudioSource(byte[] encoded, G711Law law) => (_audio, Law) = (new MemoryAudioSource(encoded), law);

    /// <summary>The law the audio was converted to.</summary>
    public G711Law Law { get; }

    /// <summary>The converted audio, one byte per sample.</summary>
    public ReadOnlyMemory<byte> Encoded => _audio.Encoded;

    /// <summary>Play time: one byte per 1/8000 s.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Encoded.Length * TimeSpan.TicksPerSecond / 8000);

    /// <summary>Reads and converts the file at <paramref name="path"/>.</summary>
    /// <exception cref="WavFormatException">The file is not a WAV file <see cref="WavReader"/> supports.</exception>
    /// <exception cref="NotSupportedException">The audio is not 8 kHz mono.</exception>
    public static WavAudioSource FromFile(string path, G711Law law) => FromBytes(File.ReadAllBytes(path), law);

    /// <summary>Converts a whole WAV file held in memory.</summary>
    /// <exception cref="WavFormatException">The bytes are not a WAV file <see cref="WavReader"/> supports.</exception>
    /// <exception cref="NotSupportedException">The audio is not 8 kHz mono.</exception>
    public static WavAudioSource FromBytes(ReadOnlySpan<byte> file, G711Law law)
    {
        var info = WavReader.Read(file);
        if (info.Format.SampleRate != 8000 || info.Format.Channels != 1)
            throw new NotSupportedException(
                $"the audio is {info.Format.SampleRate} Hz with {info.Format.Channels} channel(s); CallFlow does not resample or down-mix, " +
                "so convert it to 8000 Hz mono first (for example: sox in.wav -r 8000 -c 1 -e u-law out.wav)");
        var target = law == G711Law.MuLaw ? AudioEncoding.MuLaw : AudioEncoding.ALaw;
        var data = info.GetData(file);
        var encoded = new byte[SampleConverter.ConvertedLength(data.Length, info.Format.Encoding, target)];
        SampleConverter.Convert(data, info.Format.Encoding, encoded, target);
        return new WavAudioSource(encoded, law);
    }

    /// <inheritdoc />
    public int Read(Span<byte> destination) => _audio.Read(destination);
}
