using System.Buffers.Binary;
using System.Text;

namespace CallFlow.Audio.Tests;

/// <summary>Hand-built RIFF/WAVE files, so reader tests do not depend on <see cref="WavWriter"/>.</summary>
internal static class WavBytes
{
    /// <summary>"RIFF", the size of what follows, "WAVE", then the chunks.</summary>
    public static byte[] Riff(params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        return [.. Ascii("RIFF"), .. UInt32(4 + (uint)body.Length), .. Ascii("WAVE"), .. body];
    }

    /// <summary>A chunk with its pad byte when the body is odd; <paramref name="declaredSize"/> lies about the size.</summary>
    public static byte[] Chunk(string id, byte[] body, uint? declaredSize = null) =>
        [.. Ascii(id), .. UInt32(declaredSize ?? (uint)body.Length), .. body, .. (body.Length % 2 == 1 ? new byte[1] : [])];

    public static byte[] Fmt(ushort tag, ushort channels, uint rate, ushort bits, ushort? blockAlign = null, bool cbSize = false)
    {
        var align = blockAlign ?? (ushort)(channels * bits / 8);
        byte[] body = [.. UInt16(tag), .. UInt16(channels), .. UInt32(rate), .. UInt32(rate * align), .. UInt16(align), .. UInt16(bits)];
        return Chunk("fmt ", cbSize ? [.. body, 0, 0] : body);
    }

    /// <summary>WAVE_FORMAT_EXTENSIBLE with the sub-format GUID {tag-0000-0010-8000-00AA00389B71}.</summary>
    public static byte[] FmtExtensible(ushort subTag, ushort channels, uint rate, ushort bits)
    {
        var align = (ushort)(channels * bits / 8);
        byte[] body =
        [
            .. UInt16(0xFFFE), .. UInt16(channels), .. UInt32(rate), .. UInt32(rate * align), .. UInt16(align), .. UInt16(bits),
            .. UInt16(22), .. UInt16(bits), .. UInt32(0),
            .. UInt16(subTag), 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71,
        ];
        return Chunk("fmt ", body);
    }

    public static byte[] Data(byte[] samples, uint? declaredSize = null) => Chunk("data", samples, declaredSize);

    /// <summary>An INFO list like the ones ffmpeg and most editors add (its 13-byte string has its own pad byte).</summary>
    public static byte[] List() => Chunk("LIST", [.. Ascii("INFOISFT"), .. UInt32(13), .. Ascii("Lavf60.3.100\0"), 0]);

    /// <summary>An unknown chunk of odd size, so the reader has to skip its pad byte.</summary>
    public static byte[] Odd() => Chunk("junk", [1, 2, 3]);

    public static byte[] Fact(uint frames) => Chunk("fact", UInt32(frames));

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] UInt16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>Deterministic sample bytes.</summary>
    public static byte[] Samples(int count, int seed = 1)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
