using System.Buffers.Binary;

namespace CallFlow.Audio;

/// <summary>Parses and checks the body of a <c>fmt </c> chunk (WAVEFORMATEX, or WAVEFORMATEXTENSIBLE).</summary>
internal static class WavFormatChunk
{
    // KSDATAFORMAT_SUBTYPE_* GUIDs are {tag-0000-0010-8000-00AA00389B71}: after the two tag bytes, these 14 bytes.
    private static ReadOnlySpan<byte> SubFormatSuffix => [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71];

    public static AudioFormat Parse<TSource>(TSource source, long body, uint size, Span<byte> buffer)
        where TSource : IByteSource, allows ref struct
    {
        if (size < 16)
            throw new WavFormatException($"the fmt chunk is {size} bytes; it needs at least 16", body - 4);
        var wanted = (int)Math.Min(size, 40u);
        var got = source.ReadAt(body, buffer[..wanted]);
        if (got < wanted)
            throw new WavFormatException($"the file ends {got} bytes into the {size}-byte fmt chunk", body + got);
        ReadOnlySpan<byte> fmt = buffer[..wanted];

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var tagOffset = body;
        if (tag == WavLayout.Extensible)
        {
            if (size < 40)
                throw new WavFormatException($"the fmt chunk uses WAVE_FORMAT_EXTENSIBLE but is {size} bytes, not 40", body - 4);
            if (!fmt[26..40].SequenceEqual(SubFormatSuffix))
                throw new WavFormatException("the WAVE_FORMAT_EXTENSIBLE sub-format is not a format-tag GUID", body + 24);
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
            tagOffset = body + 24;
        }
        var encoding = tag switch
        {
            1 => AudioEncoding.Pcm16,
            6 => AudioEncoding.ALaw,
            7 => AudioEncoding.MuLaw,
            _ => throw new WavFormatException($"the format tag is 0x{tag:X4}{Name(tag)}; only PCM (1), A-law (6) and µ-law (7) are supported", tagOffset),
        };

        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        if (channels is 0 or > AudioFormat.MaxChannels)
            throw new WavFormatException($"the fmt chunk declares {channels} channels; 1 to {AudioFormat.MaxChannels} are supported", body + 2);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        if (rate is 0 or > AudioFormat.MaxSampleRate)
            throw new WavFormatException($"the fmt chunk declares a sample rate of {rate} Hz; 1 to {AudioFormat.MaxSampleRate} Hz are supported", body + 4);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        var expectedBits = encoding == AudioEncoding.Pcm16 ? 16 : 8;
        if (bits != expectedBits)
            throw new WavFormatException(encoding == AudioEncoding.Pcm16
                ? $"the fmt chunk declares {bits}-bit PCM; only 16-bit PCM is supported"
                : $"the fmt chunk declares {bits} bits per G.711 sample; G.711 has 8", body + 14);
        var format = new AudioFormat(encoding, (int)rate, channels);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        if (blockAlign != format.BlockAlign)
            throw new WavFormatException($"the fmt chunk's block align is {blockAlign}, but {channels} channels of {bits}-bit samples need {format.BlockAlign}", body + 12);
        // The byte rate at body + 8 is derived data that some writers get wrong; durations come from rate and block align.
        return format;
    }

    private static string Name(ushort tag) => tag switch
    {
        0x0002 => " (Microsoft ADPCM)",
        0x0003 => " (IEEE float)",
        0x0011 => " (IMA ADPCM)",
        0x0031 => " (GSM 6.10)",
        0x0055 => " (MPEG Layer 3)",
        _ => "",
    };
}
