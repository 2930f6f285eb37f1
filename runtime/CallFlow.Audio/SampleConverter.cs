using System.Buffers.Binary;

namespace CallFlow.Audio;

/// <summary>
/// Re-encodes samples between PCM16, A-law and µ-law at the same rate and channel count, going through linear PCM
/// (so A-law ↔ µ-law is decode then encode, not G.711's direct tables). Resampling and down-mixing are not done.
/// </summary>
/// <example><code>var pcmu = SampleConverter.ToTelephonyMuLaw(info.GetData(file), info.Format);</code></example>
public static class SampleConverter
{
    /// <summary>Bytes that <see cref="Convert"/> writes for <paramref name="sourceBytes"/> bytes of input.</summary>
    public static int ConvertedLength(int sourceBytes, AudioEncoding from, AudioEncoding to) =>
        sourceBytes / BytesPerSample(from) * BytesPerSample(to);

    /// <summary>
    /// Re-encodes every whole sample of <paramref name="source"/> into <paramref name="destination"/> and returns the
    /// bytes written. A trailing odd byte of PCM16 (from a truncated file) is dropped. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Convert(ReadOnlySpan<byte> source, AudioEncoding from, Span<byte> destination, AudioEncoding to)
    {
        var count = source.Length / BytesPerSample(from);
        var length = count * BytesPerSample(to);
        if (destination.Length < length)
            throw new ArgumentException($"the destination holds {destination.Length} bytes but the conversion needs {length}", nameof(destination));
        if (from != AudioEncoding.Pcm16 && to != AudioEncoding.Pcm16)
        {
            // Law to law (or a copy): G.711's lookup tables, which are built by this same decode-then-encode.
            G711.Transcode(source[..count], Law(from), destination, Law(to));
            return length;
        }
        for (var i = 0; i < count; i++)
        {
            var sample = from switch
            {
                AudioEncoding.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]),
                AudioEncoding.ALaw => G711.Decode(source[i], G711Law.ALaw),
                _ => G711.Decode(source[i], G711Law.MuLaw),
            };
            if (to == AudioEncoding.Pcm16)
                BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], sample);
            else if (from == to)
                destination[i] = source[i]; // keeps µ-law's second zero (0x7F) as it was instead of canonicalising it
            else
                destination[i] = G711.Encode(sample, to == AudioEncoding.ALaw ? G711Law.ALaw : G711Law.MuLaw);
        }
        return length;
    }

    private static G711Law Law(AudioEncoding encoding) => encoding == AudioEncoding.ALaw ? G711Law.ALaw : G711Law.MuLaw;

    /// <summary>The data of an 8 kHz mono file as µ-law, the encoding CallFlow stores and sends (RTP payload type 0).</summary>
    /// <exception cref="NotSupportedException">The audio is not 8 kHz mono; it names the conversion to run instead.</exception>
    public static byte[] ToTelephonyMuLaw(ReadOnlySpan<byte> data, AudioFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.SampleRate != 8000 || format.Channels != 1)
            throw new NotSupportedException(
                $"the audio is {format.SampleRate} Hz with {format.Channels} channel(s); CallFlow does not resample or down-mix, " +
                "so convert it to 8000 Hz mono first (for example: sox in.wav -r 8000 -c 1 -e u-law out.wav)");
        var result = new byte[ConvertedLength(data.Length, format.Encoding, AudioEncoding.MuLaw)];
        Convert(data, format.Encoding, result, AudioEncoding.MuLaw);
        return result;
    }

    /// <summary>Reads little-endian PCM16 bytes as samples; <paramref name="samples"/> must hold half as many.</summary>
    public static void ReadPcm16(ReadOnlySpan<byte> littleEndian, Span<short> samples)
    {
        if (samples.Length < littleEndian.Length / 2)
            throw new ArgumentException($"the destination holds {samples.Length} samples but {littleEndian.Length / 2} were given", nameof(samples));
        for (var i = 0; i < littleEndian.Length / 2; i++)
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(littleEndian[(2 * i)..]);
    }

    /// <summary>Writes samples as little-endian PCM16 bytes; <paramref name="littleEndian"/> must hold twice as many.</summary>
    public static void WritePcm16(ReadOnlySpan<short> samples, Span<byte> littleEndian)
    {
        if (littleEndian.Length < samples.Length * 2)
            throw new ArgumentException($"the destination holds {littleEndian.Length} bytes but {samples.Length * 2} are needed", nameof(littleEndian));
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(littleEndian[(2 * i)..], samples[i]);
    }

    private static int BytesPerSample(AudioEncoding encoding) => encoding == AudioEncoding.Pcm16 ? 2 : 1;
}
