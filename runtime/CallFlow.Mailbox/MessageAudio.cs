using CallFlow.Audio;

namespace CallFlow.Mailbox;

/// <summary>
/// The one audio format the store keeps: 8 kHz mono G.711 µ-law WAV, the format calls arrive in, so a recording is
/// written as it comes with no conversion. One byte per sample: 8 bytes per millisecond.
/// </summary>
internal static class MessageAudio
{
    public static readonly AudioFormat Format = AudioFormat.Telephony(AudioEncoding.MuLaw);

    public static int HeaderSize => WavWriter.HeaderSize(Format);

    /// <summary>Writes the header for <paramref name="dataBytes"/> bytes of audio (the pad byte of an odd length is the caller's).</summary>
    public static void WriteHeader(Span<byte> header, long dataBytes) => WavWriter.WriteHeader(header, Format, dataBytes);

    /// <summary>The file length for <paramref name="dataBytes"/> of audio, pad byte included.</summary>
    public static long FileLength(long dataBytes) => HeaderSize + dataBytes + (dataBytes & 1);

    public static TimeSpan Duration(long bytes) => Format.DurationOf(bytes);

    public static long Bytes(TimeSpan duration) => duration.Ticks / (TimeSpan.TicksPerSecond / Format.BytesPerSecond);
}
