using CallFlow.Audio;

namespace CallFlow.Media.Tests;

public sealed class MemoryAudioSourceTests
{
    [Fact]
    public void A_transcoding_source_sends_the_stored_audio_in_the_other_law_frame_by_frame_without_copying_it()
    {
        var muLaw = Enumerable.Range(0, 400).Select(i => (byte)(i * 7)).ToArray();
        var expected = muLaw.Select(c => G711.Encode(G711.Decode(c, G711Law.MuLaw), G711Law.ALaw)).ToArray();
        var source = MemoryAudioSource.Transcoding(muLaw, G711Law.MuLaw, G711Law.ALaw);

        var sent = new List<byte>();
        var frame = new byte[160];
        int read;
        while ((read = source.Read(frame)) > 0)
            sent.AddRange(frame.AsSpan(0, read).ToArray());

        Assert.Equal(expected, sent.ToArray());
        Assert.Equal(0, source.Remaining);
        Assert.Equal(muLaw, source.Encoded.ToArray()); // the shared bytes are left as they were
    }

    [Fact]
    public void A_plain_source_sends_its_bytes_as_they_are()
    {
        var bytes = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var source = new MemoryAudioSource(bytes);
        var frame = new byte[160];
        Assert.Equal(160, source.Read(frame));
        Assert.Equal(bytes[..160], frame);
        Assert.Equal(40, source.Read(frame));
        Assert.Equal(0, source.Read(frame));
    }
}
