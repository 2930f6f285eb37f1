using System.Buffers.Binary;

namespace CallFlow.Audio;

/// <summary>
/// Reads the header of a RIFF/WAVE file: PCM 16-bit, A-law or µ-law at any rate and channel count, also inside
/// WAVE_FORMAT_EXTENSIBLE. Unknown chunks (LIST, bext, cue, …) are skipped. Bad input of any kind gets a
/// <see cref="WavFormatException"/> and nothing else; nothing is allocated from a size the file declares.
/// </summary>
/// <example><code>var info = WavReader.Read(bytes); var samples = info.GetData(bytes); // info.Duration, info.Format</code></example>
public static class WavReader
{
    /// <summary>Reads the header of a whole file held in memory.</summary>
    /// <exception cref="WavFormatException">The bytes are not a WAV file this reader supports.</exception>
    public static WavInfo Read(ReadOnlySpan<byte> file) => Parse(new SpanByteSource(file));

    /// <summary>
    /// Reads the header from the stream's current position (offsets in the result count from there) and leaves the
    /// stream at the first sample byte. A non-seekable stream cannot tell how long it is, so its data length is the
    /// declared one and <see cref="WavInfo.Truncated"/> is never set.
    /// </summary>
    /// <exception cref="WavFormatException">The stream does not hold a WAV file this reader supports.</exception>
    public static WavInfo Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
            throw new ArgumentException("the stream cannot be read", nameof(stream));
        var start = stream.CanSeek ? stream.Position : 0;
        var info = Parse(new StreamByteSource(stream));
        if (stream.CanSeek)
            stream.Position = start + info.DataOffset;
        return info;
    }

    private static WavInfo Parse<TSource>(TSource source) where TSource : IByteSource, allows ref struct
    {
        Span<byte> buffer = stackalloc byte[40];
        var got = source.ReadAt(0, buffer[..12]);
        if (got < 12)
            throw new WavFormatException($"the file ends after {got} bytes, inside the 12-byte RIFF header", got);
        var magic = ReadUInt32(buffer);
        if (magic != WavLayout.Riff)
            throw new WavFormatException(magic switch
            {
                WavLayout.Rifx => "the file is big-endian RIFX, which is not supported",
                WavLayout.Rf64 => "the file is RF64 (a WAV over 4 GiB), which is not supported",
                _ => $"the file starts with {WavLayout.Describe(magic)}, not \"RIFF\": it is not a WAV file",
            }, 0);
        var form = ReadUInt32(buffer[8..]);
        if (form != WavLayout.Wave)
            throw new WavFormatException($"the RIFF form type is {WavLayout.Describe(form)}, not \"WAVE\"", 8);

        // The RIFF size at byte 4 is not checked: streaming writers leave it 0 or 0xFFFFFFFF, and the data chunk's own
        // size, clamped to the file, is what decides how much audio there is.
        AudioFormat? format = null;
        long offset = 12;
        while (true)
        {
            got = source.ReadAt(offset, buffer[..8]);
            if (got == 0)
                // Min: a last chunk of odd size whose pad byte is missing puts the next offset one past the end.
                throw new WavFormatException(format is null ? "the file ends without a fmt chunk" : "the file ends without a data chunk",
                    Math.Min(offset, source.Length ?? offset));
            if (got < 8)
                throw new WavFormatException($"the file ends {got} bytes into the 8-byte header of the chunk at byte {offset}", offset + got);
            var id = ReadUInt32(buffer);
            var size = ReadUInt32(buffer[4..]);
            var body = offset + 8;

            if (id == WavLayout.Data)
            {
                if (format is null)
                    throw new WavFormatException("the data chunk comes before any fmt chunk", offset);
                var present = source.Length is { } length ? Math.Clamp(length - body, 0, size) : size;
                return new WavInfo(format, body, present, size);
            }
            if (source.Length is { } fileLength && body + size > fileLength)
                throw new WavFormatException(
                    $"the {WavLayout.Describe(id)} chunk at byte {offset} declares {size} bytes, but only {fileLength - body} follow and no data chunk was found",
                    offset + 4);
            if (id == WavLayout.Fmt && format is null)
                format = WavFormatChunk.Parse(source, body, size, buffer);
            // RIFF pads a chunk of odd size with one byte, so the next chunk starts on an even offset.
            offset = body + size + (size & 1);
        }
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
