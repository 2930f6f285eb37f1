namespace CallFlow.Audio.Tests;

public sealed class SampleConverterTests
{
    [Fact]
    public void Pcm16_becomes_mu_law_sample_by_sample()
    {
        short[] samples = [0, -1, 1000, -1000, short.MaxValue, short.MinValue];
        var bytes = new byte[samples.Length * 2];
        SampleConverter.WritePcm16(samples, bytes);

        var muLaw = SampleConverter.ToTelephonyMuLaw(bytes, AudioFormat.Telephony(AudioEncoding.Pcm16));

        Assert.Equal(samples.Select(s => G711.Encode(s, G711Law.MuLaw)), muLaw);
    }

    [Fact]
    public void A_law_goes_to_mu_law_and_back_through_linear()
    {
        var aLaw = Enumerable.Range(0, 256).Select(c => (byte)c).ToArray();
        var muLaw = SampleConverter.ToTelephonyMuLaw(aLaw, AudioFormat.Telephony(AudioEncoding.ALaw));
        Assert.Equal(aLaw.Select(c => G711.Encode(G711.Decode(c, G711Law.ALaw), G711Law.MuLaw)), muLaw);

        var back = new byte[256];
        Assert.Equal(256, SampleConverter.Convert(muLaw, AudioEncoding.MuLaw, back, AudioEncoding.ALaw));
        // The laws' steps differ, so a round trip moves a code by at most one level.
        for (var code = 0; code < 256; code++)
            Assert.InRange(Math.Abs(G711.Decode(back[code], G711Law.ALaw) - G711.Decode((byte)code, G711Law.ALaw)), 0, 1024);
    }

    [Fact]
    public void Mu_law_to_mu_law_is_a_copy_and_pcm_round_trips()
    {
        var codes = Enumerable.Range(0, 256).Select(c => (byte)c).ToArray();
        Assert.Equal(codes, SampleConverter.ToTelephonyMuLaw(codes, AudioFormat.Telephony(AudioEncoding.MuLaw)));

        var pcm = new byte[512];
        Assert.Equal(512, SampleConverter.Convert(codes, AudioEncoding.MuLaw, pcm, AudioEncoding.Pcm16));
        var samples = new short[256];
        SampleConverter.ReadPcm16(pcm, samples);
        Assert.Equal(codes.Select(c => G711.Decode(c, G711Law.MuLaw)), samples);
    }

    [Fact]
    public void A_trailing_half_sample_is_dropped()
    {
        Assert.Equal(2, SampleConverter.ConvertedLength(5, AudioEncoding.Pcm16, AudioEncoding.MuLaw));
        Assert.Equal(2, SampleConverter.ToTelephonyMuLaw(new byte[5], AudioFormat.Telephony(AudioEncoding.Pcm16)).Length);
    }

    [Theory]
    [InlineData(16000, 1)]
    [InlineData(8000, 2)]
    public void Other_rates_and_channel_counts_are_refused_with_what_to_do(int rate, int channels)
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            SampleConverter.ToTelephonyMuLaw(new byte[8], new AudioFormat(AudioEncoding.Pcm16, rate, channels)));
        Assert.Contains($"{rate} Hz with {channels} channel(s)", error.Message);
        Assert.Contains("sox in.wav -r 8000 -c 1 -e u-law out.wav", error.Message);
    }

    [Fact]
    public void Convert_refuses_a_short_destination() =>
        Assert.Throws<ArgumentException>(() => SampleConverter.Convert(new byte[4], AudioEncoding.MuLaw, new byte[7], AudioEncoding.Pcm16));
}
