using CallFlow.Audio;

namespace CallFlow.Media.Tests;

public sealed class WavAudioSourceTests
{
    private static short[] Tone440(TimeSpan duration)
    {
        var samples = new short[Tone.SamplesFor(duration)];
        Tone.Sine(samples, 440, 0.5);
        return samples;
    }

    private static byte[] Pcm16Wav(short[] samples, int rate = 8000)
    {
        var bytes = new byte[samples.Length * 2];
        SampleConverter.WritePcm16(samples, bytes);
        return WavWriter.ToBytes(new AudioFormat(AudioEncoding.Pcm16, rate, 1), bytes);
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void A_PCM16_prompt_is_converted_to_the_sessions_law(G711Law law)
    {
        var samples = Tone440(TimeSpan.FromMilliseconds(250));
        var source = WavAudioSource.FromBytes(Pcm16Wav(samples), law);

        var expected = new byte[samples.Length];
        G711.Encode(samples, expected, law);
        Assert.Equal(expected, source.Encoded.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(250), source.Duration);
        Assert.Equal(law, source.Law);
    }

    [Fact]
    public void A_u_law_prompt_for_a_u_law_call_is_sent_byte_for_byte()
    {
        var codes = Packets.Frame(0x7F, 400); // µ-law's second zero, which a decode-encode trip would change
        var file = WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.MuLaw), codes);
        var source = WavAudioSource.FromBytes(file, G711Law.MuLaw);

        var read = new byte[500];
        Assert.Equal(400, source.Read(read));
        Assert.Equal(codes, read[..400]);
        Assert.Equal(0, source.Read(read));
    }

    [Fact]
    public void Audio_that_is_not_8_kHz_mono_is_refused_with_the_conversion_to_run()
    {
        var error = Assert.Throws<NotSupportedException>(() => WavAudioSource.FromBytes(Pcm16Wav(new short[100], rate: 16000), G711Law.MuLaw));
        Assert.Contains("sox", error.Message);
        Assert.Throws<WavFormatException>(() => WavAudioSource.FromBytes("not a wav file"u8, G711Law.MuLaw));
    }
}
