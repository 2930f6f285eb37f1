using System.Buffers.Binary;

namespace CallFlow.Audio;

/// <summary>
/// The RIFF/WAVE layout both sides share. What CallFlow writes (Microsoft's "Multimedia Programming Interface and
/// Data Specifications 1.0", 1991, and its 1994 update for non-PCM formats):
/// <code>
/// 0  "RIFF" size "WAVE"
/// 12 "fmt " 16 | 18   tag, channels, rate, byte rate, block align, bits (+ cbSize 0 for G.711)
/// 38 "fact" 4 frames  (G.711 only: every non-PCM file must say how many samples it holds)
/// 36 | 50 "data" size, then the samples and a pad byte when the size is odd
/// </code>
/// </summary>
internal static class WavLayout
{
    public const uint Riff = 0x4646_4952;      // "RIFF" read little-endian
    public const uint Rifx = 0x5846_4952;      // "RIFX": big-endian RIFF
    public const uint Rf64 = 0x3436_4652;      // "RF64": EBU Tech 3306 for files over 4 GiB
    public const uint Wave = 0x4556_4157;      // "WAVE"
    public const uint Fmt = 0x2074_6D66;       // "fmt "
    public const uint Fact = 0x7463_6166;      // "fact"
    public const uint Data = 0x6174_6164;      // "data"
    public const ushort Extensible = 0xFFFE;   // WAVE_FORMAT_EXTENSIBLE: the real tag is in the sub-format GUID

    public const int MaxHeaderSize = 58;
    public const int RiffSizeOffset = 4;
    public const int FactFramesOffset = 46;

    /// <summary>While a streaming writer runs, the sizes say "as long as the file": a reader clamps and keeps the audio.</summary>
    public const uint Placeholder = uint.MaxValue;

    public static bool HasFact(AudioFormat format) => format.Encoding != AudioEncoding.Pcm16;

    public static int HeaderSize(AudioFormat format) => HasFact(format) ? 58 : 44;

    public static int DataSizeOffset(AudioFormat format) => HeaderSize(format) - 4;

    /// <summary>The most data bytes a RIFF size field (32 bits, counting header and pad byte) can describe.</summary>
    public static long MaxDataLength(AudioFormat format) => uint.MaxValue - (HeaderSize(format) - 8) - 1;

    public static uint RiffSize(AudioFormat format, long dataLength) => (uint)(HeaderSize(format) - 8 + dataLength + (dataLength & 1));

    /// <summary>Writes the header into <paramref name="header"/> and returns its length.</summary>
    public static int WriteHeader(Span<byte> header, AudioFormat format, uint riffSize, uint dataSize, uint factFrames)
    {
        var fmtSize = HasFact(format) ? 18 : 16;
        WriteUInt32(header, 0, Riff);
        WriteUInt32(header, 4, riffSize);
        WriteUInt32(header, 8, Wave);
        WriteUInt32(header, 12, Fmt);
        WriteUInt32(header, 16, (uint)fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], (ushort)format.Encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)format.Channels);
        WriteUInt32(header, 24, (uint)format.SampleRate);
        WriteUInt32(header, 28, (uint)format.BytesPerSecond);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], (ushort)(format.BytesPerSample * 8));
        var offset = 36;
        if (HasFact(format))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[36..], 0); // cbSize: no extra format bytes
            WriteUInt32(header, 38, Fact);
            WriteUInt32(header, 42, 4);
            WriteUInt32(header, 46, factFrames);
            offset = 50;
        }
        WriteUInt32(header, offset, Data);
        WriteUInt32(header, offset + 4, dataSize);
        return offset + 8;
    }

    /// <summary>A chunk id for a message: quoted when it is printable ASCII, hex otherwise.</summary>
    public static string Describe(uint fourCc)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, fourCc);
        foreach (var b in bytes)
            if (b is < 0x20 or > 0x7E)
                return $"0x{BinaryPrimitives.ReverseEndianness(fourCc):X8}";
        return $"\"{(char)bytes[0]}{(char)bytes[1]}{(char)bytes[2]}{(char)bytes[3]}\"";
    }

    private static void WriteUInt32(Span<byte> header, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(header[offset..], value);
}
