using static CallFlow.Audio.Tests.WavBytes;

namespace CallFlow.Audio.Tests;

public sealed class WavReaderTests
{
    [Fact]
    public void Skips_a_LIST_chunk_and_an_odd_sized_chunk_before_the_data()
    {
        var samples = Samples(101);
        var file = Riff(Fmt(7, 1, 8000, 8, cbSize: true), List(), Fact(101), Odd(), Data(samples));

        var info = WavReader.Read(file);

        Assert.Equal(AudioFormat.Telephony(AudioEncoding.MuLaw), info.Format);
        Assert.Equal(file.Length - 102, info.DataOffset); // 101 samples plus the pad byte
        Assert.Equal(samples, info.GetData(file).ToArray());
        Assert.False(info.Truncated);
    }

    [Fact]
    public void Accepts_G711_without_a_fact_chunk_and_a_16_byte_fmt()
    {
        var info = WavReader.Read(Riff(Fmt(6, 1, 8000, 8), Data(Samples(10))));
        Assert.Equal(AudioFormat.Telephony(AudioEncoding.ALaw), info.Format);
        Assert.Equal(10, info.DataLength);
    }

    [Theory]
    [InlineData(44100, 2)]
    [InlineData(16000, 1)]
    [InlineData(11025, 6)]
    public void Reports_any_rate_and_channel_count(int rate, int channels)
    {
        var info = WavReader.Read(Riff(Fmt(1, (ushort)channels, (uint)rate, 16), Data(Samples(channels * 2 * rate))));
        Assert.Equal(new AudioFormat(AudioEncoding.Pcm16, rate, channels), info.Format);
        Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        Assert.Equal(rate, info.SampleFrames);
    }

    [Fact]
    public void Reads_WAVE_FORMAT_EXTENSIBLE_by_its_sub_format()
    {
        var info = WavReader.Read(Riff(FmtExtensible(1, 4, 16000, 16), Data(Samples(64))));
        Assert.Equal(new AudioFormat(AudioEncoding.Pcm16, 16000, 4), info.Format);
    }

    [Theory]
    [InlineData(AudioEncoding.MuLaw, 480_000)]
    [InlineData(AudioEncoding.ALaw, 480_000)]
    [InlineData(AudioEncoding.Pcm16, 960_000)]
    public void A_60_second_file_lasts_exactly_60_seconds(AudioEncoding encoding, int bytes)
    {
        var file = WavWriter.ToBytes(AudioFormat.Telephony(encoding), new byte[bytes]);
        var info = WavReader.Read(file);
        Assert.Equal(TimeSpan.FromSeconds(60), info.Duration);
        Assert.Equal(480_000, info.SampleFrames);
        using var stream = new MemoryStream(file);
        Assert.Equal(TimeSpan.FromSeconds(60), WavReader.Read(stream).Duration);
    }

    [Fact]
    public void Clamps_a_data_chunk_that_runs_past_the_end_and_says_so()
    {
        var file = Riff(Fmt(7, 1, 8000, 8), Data(Samples(4000), declaredSize: 8000));
        var info = WavReader.Read(file);
        Assert.True(info.Truncated);
        Assert.Equal(4000, info.DataLength);
        Assert.Equal(8000, info.DeclaredDataLength);
        Assert.Equal(TimeSpan.FromMilliseconds(500), info.Duration);
    }

    [Fact]
    public void A_stream_is_left_at_the_first_sample_and_offsets_count_from_where_it_started()
    {
        var samples = Samples(50);
        var file = Riff(Fmt(7, 1, 8000, 8), List(), Data(samples));
        using var stream = new MemoryStream([.. new byte[7], .. file]) { Position = 7 };

        var info = WavReader.Read(stream);

        Assert.Equal(WavReader.Read(file), info);
        Assert.Equal(7 + info.DataOffset, stream.Position);
        var read = new byte[50];
        stream.ReadExactly(read);
        Assert.Equal(samples, read);
    }

    [Fact]
    public void A_non_seekable_stream_reads_through_skipped_chunks_and_stops_at_the_data()
    {
        var samples = Samples(50);
        var bigList = Chunk("LIST", Samples(10_001, seed: 2)); // bigger than the skip buffer, and odd
        var file = Riff(Fmt(1, 1, 8000, 16), bigList, Data(samples));
        using var stream = new ForwardOnlyStream(file);

        var info = WavReader.Read(stream);

        Assert.Equal(WavReader.Read(file), info);
        var read = new byte[50];
        stream.ReadExactly(read);
        Assert.Equal(samples, read);
    }

    [Fact]
    public void A_non_seekable_stream_reports_the_declared_length_because_it_cannot_see_the_end()
    {
        using var stream = new ForwardOnlyStream(Riff(Fmt(7, 1, 8000, 8), Data(Samples(10), declaredSize: 100)));
        var info = WavReader.Read(stream);
        Assert.Equal(100, info.DataLength);
        Assert.False(info.Truncated);
    }

    public static TheoryData<string, byte[], string, long> BadFiles => new()
    {
        { "empty", [], "ends after 0 bytes, inside the 12-byte RIFF header", 0 },
        { "short", Ascii("RIFF\0\0"), "ends after 6 bytes", 6 },
        { "not RIFF", [.. Ascii("ID3\u0004"), .. new byte[40]], "starts with 0x49443304, not \"RIFF\"", 0 },
        { "RIFX", [.. Ascii("RIFX"), .. new byte[4], .. Ascii("WAVE")], "big-endian RIFX", 0 },
        { "RF64", [.. Ascii("RF64"), .. new byte[4], .. Ascii("WAVE")], "RF64", 0 },
        { "AVI", [.. Ascii("RIFF"), .. new byte[4], .. Ascii("AVI ")], "form type is \"AVI \", not \"WAVE\"", 8 },
        { "no chunks", Riff(), "ends without a fmt chunk", 12 },
        { "no data", Riff(Fmt(7, 1, 8000, 8)), "ends without a data chunk", 36 },
        { "data first", Riff(Data(Samples(4)), Fmt(7, 1, 8000, 8)), "data chunk comes before any fmt chunk", 12 },
        { "half a chunk header", [.. Riff(Fmt(7, 1, 8000, 8)), .. Ascii("dat")], "ends 3 bytes into the 8-byte header of the chunk at byte 36", 39 },
        { "LIST past the end", Riff(Fmt(7, 1, 8000, 8), Chunk("LIST", Samples(10), declaredSize: 0x7FFF_0000)), "\"LIST\" chunk at byte 36 declares 2147418112 bytes, but only 10 follow", 40 },
        { "fmt too small", Riff(Chunk("fmt ", new byte[14]), Data(Samples(4))), "fmt chunk is 14 bytes; it needs at least 16", 16 },
        { "float", Riff(Fmt(3, 1, 8000, 32), Data(Samples(4))), "format tag is 0x0003 (IEEE float); only PCM (1), A-law (6) and µ-law (7)", 20 },
        { "MP3", Riff(Fmt(0x55, 1, 8000, 0, blockAlign: 1), Data(Samples(4))), "0x0055 (MPEG Layer 3)", 20 },
        { "extensible float", Riff(FmtExtensible(3, 2, 8000, 32), Data(Samples(4))), "format tag is 0x0003", 44 },
        { "zero channels", Riff(Fmt(7, 0, 8000, 8, blockAlign: 1), Data(Samples(4))), "declares 0 channels", 22 },
        { "too many channels", Riff(Fmt(1, 300, 8000, 16), Data(Samples(4))), "declares 300 channels; 1 to 32", 22 },
        { "zero rate", Riff(Fmt(7, 1, 0, 8), Data(Samples(4))), "sample rate of 0 Hz", 24 },
        { "absurd rate", Riff(Fmt(7, 1, 4_000_000_000, 8), Data(Samples(4))), "sample rate of 4000000000 Hz", 24 },
        { "8-bit PCM", Riff(Fmt(1, 1, 8000, 8), Data(Samples(4))), "8-bit PCM; only 16-bit", 34 },
        { "16-bit µ-law", Riff(Fmt(7, 1, 8000, 16), Data(Samples(4))), "16 bits per G.711 sample", 34 },
        { "bad block align", Riff(Fmt(1, 2, 8000, 16, blockAlign: 2), Data(Samples(4))), "block align is 2, but 2 channels of 16-bit samples need 4", 32 },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Names_what_is_wrong_and_where(string name, byte[] file, string message, long offset)
    {
        var error = Assert.Throws<WavFormatException>(() => WavReader.Read(file));
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.Equal(offset, error.Offset);
        Assert.EndsWith($"(at byte {offset})", error.Message);

        // A stream, seekable or not, finds the same problem (a non-seekable one cannot tell a chunk runs past the end,
        // so it reports the missing data chunk at the end instead).
        var fromStream = Assert.Throws<WavFormatException>(() => WavReader.Read(new MemoryStream(file)));
        Assert.Equal(error.Message, fromStream.Message);
        Assert.Throws<WavFormatException>(() => WavReader.Read(new ForwardOnlyStream(file)));
    }
}
