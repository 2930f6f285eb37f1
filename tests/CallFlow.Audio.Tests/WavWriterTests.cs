using static CallFlow.Audio.Tests.WavBytes;

namespace CallFlow.Audio.Tests;

public sealed class WavWriterTests
{
    public static TheoryData<AudioEncoding, int> Formats => new()
    {
        { AudioEncoding.MuLaw, 0 }, { AudioEncoding.MuLaw, 1 }, { AudioEncoding.MuLaw, 8001 },
        { AudioEncoding.ALaw, 0 }, { AudioEncoding.ALaw, 8001 },
        { AudioEncoding.Pcm16, 0 }, { AudioEncoding.Pcm16, 16_002 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Streaming_in_pieces_then_reading_gives_back_format_and_samples(AudioEncoding encoding, int length)
    {
        var format = AudioFormat.Telephony(encoding);
        var samples = Samples(length);
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, format, leaveOpen: true))
        {
            for (var offset = 0; offset < length; offset += 160) // 20 ms RTP packets of µ-law
                writer.Write(samples.AsSpan(offset, Math.Min(160, length - offset)));
        }
        var file = stream.ToArray();

        var info = WavReader.Read(file);

        Assert.Equal(format, info.Format);
        Assert.Equal(samples, info.GetData(file).ToArray());
        Assert.False(info.Truncated);
        Assert.Equal(0, file.Length % 2); // a pad byte follows odd data
        Assert.Equal(file, WavWriter.ToBytes(format, samples));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_known_length_file_streams_to_a_stream_that_cannot_seek(AudioEncoding encoding, int length)
    {
        var format = AudioFormat.Telephony(encoding);
        var samples = Samples(length);
        var sink = new ForwardOnlyStream();
        using (var writer = new WavWriter(sink, format, length, leaveOpen: true))
        {
            writer.Write(samples.AsSpan(0, length / 2));
            writer.Write(samples.AsSpan(length / 2));
        }
        Assert.Equal(WavWriter.ToBytes(format, samples), sink.Written);
    }

    [Fact]
    public void G711_files_carry_fmt_with_cbSize_and_a_fact_chunk_with_the_frame_count()
    {
        var file = WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.MuLaw), [0xFF, 0x7F, 0x00]);
        Assert.Equal(
            "RIFF" + "36000000" + "WAVE" + "fmt " + "12000000" + "0700" + "0100" + "401F0000" + "401F0000" + "0100" + "0800" + "0000"
            + "fact" + "04000000" + "03000000" + "data" + "03000000" + "FF7F00" + "00",
            Hex(file));
    }

    [Fact]
    public void Pcm_files_have_the_classic_44_byte_header_and_no_fact()
    {
        var file = WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.Pcm16), [0x34, 0x12]);
        Assert.Equal(
            "RIFF" + "26000000" + "WAVE" + "fmt " + "10000000" + "0100" + "0100" + "401F0000" + "803E0000" + "0200" + "1000"
            + "data" + "02000000" + "3412",
            Hex(file));
    }

    [Fact]
    public void A_file_cut_off_before_completion_reads_as_truncated_with_its_audio()
    {
        var stream = new MemoryStream();
        var writer = new WavWriter(stream, AudioFormat.Telephony(AudioEncoding.MuLaw));
        writer.Write(Samples(1000));
        stream.Flush(); // the process dies here: no Complete, no Dispose

        var info = WavReader.Read(stream.ToArray());

        Assert.True(info.Truncated);
        Assert.Equal(1000, info.DataLength);
    }

    [Fact]
    public void Writes_at_the_streams_position_and_patches_relative_to_it()
    {
        using var stream = new MemoryStream();
        stream.Write(Ascii("prefix"));
        using (var writer = new WavWriter(stream, AudioFormat.Telephony(AudioEncoding.ALaw), leaveOpen: true))
            writer.Write(Samples(11));
        Assert.Equal(WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.ALaw), Samples(11)), stream.ToArray()[6..]);
    }

    [Fact]
    public void Write_allocates_nothing()
    {
        using var stream = new MemoryStream(capacity: 1 << 20);
        using var writer = new WavWriter(stream, AudioFormat.Telephony(AudioEncoding.MuLaw));
        var packet = Samples(160);
        writer.Write(packet); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            writer.Write(packet);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Refuses_what_would_make_a_wrong_file()
    {
        var format = AudioFormat.Telephony(AudioEncoding.Pcm16);
        Assert.Throws<ArgumentException>(() => new WavWriter(new ForwardOnlyStream(), format));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavWriter(new ForwardOnlyStream(), format, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavWriter(new ForwardOnlyStream(), format, 1L << 32));

        var known = new WavWriter(new ForwardOnlyStream(), format, 4);
        Assert.Throws<InvalidOperationException>(() => known.Write(new byte[6]));
        known.Write(new byte[2]);
        Assert.Contains("declared 4 data bytes but 2 were written", Assert.Throws<InvalidOperationException>(known.Complete).Message);
        known.Write(new byte[2]);
        known.Complete(); // the failed Complete left the file open, so it can still be finished

        var halfFrame = new WavWriter(new MemoryStream(), format);
        halfFrame.Write(new byte[3]);
        Assert.Contains("ends inside a frame", Assert.Throws<InvalidOperationException>(halfFrame.Complete).Message);
        halfFrame.Write(new byte[1]);
        halfFrame.Dispose();
        Assert.Throws<InvalidOperationException>(() => halfFrame.Write(new byte[2]));
    }

    [Fact]
    public void WriteFile_writes_a_file_the_reader_reads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"callflow-audio-{Guid.NewGuid():N}.wav");
        try
        {
            WavWriter.WriteFile(path, AudioFormat.Telephony(AudioEncoding.ALaw), Samples(800));
            using var file = File.OpenRead(path);
            Assert.Equal(TimeSpan.FromMilliseconds(100), WavReader.Read(file).Duration);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Hex(byte[] bytes)
    {
        // Chunk ids stay readable; everything else is hex.
        var text = Convert.ToHexString(bytes);
        foreach (var id in new[] { "RIFF", "WAVE", "fmt ", "fact", "data" })
            text = text.Replace(Convert.ToHexString(Ascii(id)), id, StringComparison.Ordinal);
        return text;
    }
}
