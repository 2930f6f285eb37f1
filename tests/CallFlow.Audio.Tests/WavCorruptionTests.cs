using CsCheck;
using static CallFlow.Audio.Tests.WavBytes;

namespace CallFlow.Audio.Tests;

/// <summary>
/// Damaged input of every kind: the reader returns a result that stays inside the input, or throws
/// <see cref="WavFormatException"/> with an offset inside the input, and nothing else (no IndexOutOfRange, no
/// OutOfMemory from a declared size, no hang).
/// </summary>
public sealed class WavCorruptionTests
{
    private static readonly byte[][] ValidFiles =
    [
        WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.MuLaw), Samples(33)),
        WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.ALaw), Samples(20)),
        WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.Pcm16), Samples(40)),
        Riff(Fmt(7, 1, 8000, 8, cbSize: true), List(), Fact(9), Odd(), Data(Samples(9))),
        Riff(FmtExtensible(1, 2, 16000, 16), List(), Data(Samples(16))),
    ];

    public static TheoryData<int> FileIndexes => new() { 0, 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(FileIndexes))]
    public void Every_prefix_of_a_valid_file_reads_or_fails_cleanly(int index)
    {
        var file = ValidFiles[index];
        var dataOffset = WavReader.Read(file).DataOffset;
        for (var length = 0; length <= file.Length; length++)
        {
            var prefix = file[..length];
            var info = Check(prefix);
            // Once the data chunk header is in, the prefix is a truncated recording, not a broken file.
            Assert.Equal(length >= dataOffset, info is not null);
            if (info is not null)
                Assert.Equal(info.DataLength < info.DeclaredDataLength, info.Truncated);
        }
    }

    [Fact]
    public void Random_byte_flips_read_or_fail_cleanly()
    {
        var flips = Gen.Select(Gen.Int[0, 10_000], Gen.Byte[1, 255]).Array[1, 8];
        Fuzz.Sample(Gen.Select(Gen.Int[0, ValidFiles.Length - 1], flips), t =>
        {
            var file = ValidFiles[t.Item1].ToArray();
            foreach (var (position, mask) in t.Item2)
                file[position % file.Length] ^= mask;
            Check(file);
        }, seed: 1, iterations: 5000);
    }

    [Fact]
    public void Absurd_sizes_in_every_size_field_read_or_fail_cleanly()
    {
        // Sizes are where a careless reader allocates or overflows; put extreme values into each 32-bit field.
        var values = Gen.OneOf(0u, 1u, 2u, 15u, 16u, 17u, 39u, 40u, 0x7FFF_FFFFu, 0x8000_0000u, 0xFFFF_FFF7u, 0xFFFF_FFFFu);
        Fuzz.Sample(Gen.Select(Gen.Int[0, ValidFiles.Length - 1], Gen.Int[0, 100], values), t =>
        {
            var file = ValidFiles[t.Item1].ToArray();
            var at = (t.Item2 * 2) % (file.Length - 3);
            BitConverterLittleEndian(file.AsSpan(at), t.Item3);
            Check(file);
        }, seed: 2, iterations: 3000);
    }

    [Fact]
    public void Random_chunk_soups_read_or_fail_cleanly()
    {
        var ids = Gen.OneOf("fmt ", "data", "fact", "LIST", "junk", "\0\0\0\0");
        var chunk = Gen.Select(ids, Gen.Byte.Array[0, 44], Gen.Frequency((3, Gen.Const((uint?)null)), (1, Gen.UInt.Select(u => (uint?)u))))
            .Select(c => Chunk(c.Item1, c.Item2, c.Item3));
        var fmt = Gen.Select(Gen.OneOf<ushort>(1, 6, 7, 3, 0xFFFE), Gen.UShort[0, 3], Gen.OneOf(0u, 8000u, 44100u, 0xFFFF_FFFFu), Gen.OneOf<ushort>(8, 16, 0))
            .Select(f => Fmt(f.Item1, f.Item2, f.Item3, f.Item4));
        var soup = Gen.Frequency((4, chunk), (1, fmt)).Array[0, 6].Select(chunks => Riff(chunks));
        Fuzz.Sample(soup, file => Check(file), seed: 3, iterations: 5000);
    }

    [Fact]
    public void Random_bytes_after_a_valid_RIFF_header_read_or_fail_cleanly() =>
        Fuzz.Sample(Gen.Byte.Array[0, 200], tail => Check([.. Ascii("RIFF"), .. UInt32(0xFFFF_FFFF), .. Ascii("WAVE"), .. tail]),
            seed: 4, iterations: 3000);

    /// <summary>Reads from a span, a seekable and a non-seekable stream; they must agree and stay inside the input.</summary>
    private static WavInfo? Check(byte[] file)
    {
        var fromSpan = Outcome(() => WavReader.Read(file), file.Length);
        var fromStream = Outcome(() => WavReader.Read(new MemoryStream(file)), file.Length);
        Assert.Equal(fromSpan.Info, fromStream.Info);
        Assert.Equal(fromSpan.Error, fromStream.Error);
        // A non-seekable stream cannot see the end, so it may trust a data size the others clamp; it must still
        // either succeed or fail with a WavFormatException.
        Outcome(() => WavReader.Read(new ForwardOnlyStream(file)), long.MaxValue);
        if (fromSpan.Info is { } info)
        {
            Assert.InRange(info.DataOffset, 12, file.Length);
            Assert.InRange(info.DataOffset + info.DataLength, info.DataOffset, file.Length);
            Assert.True(info.Duration >= TimeSpan.Zero);
        }
        return fromSpan.Info;
    }

    private static (WavInfo? Info, string? Error) Outcome(Func<WavInfo> read, long length)
    {
        try
        {
            return (read(), null);
        }
        catch (WavFormatException error)
        {
            Assert.InRange(error.Offset, 0, length);
            return (null, error.Message);
        }
    }

    private static void BitConverterLittleEndian(Span<byte> at, uint value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(at, value);
}
