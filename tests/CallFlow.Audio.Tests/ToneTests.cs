using System.Security.Cryptography;

namespace CallFlow.Audio.Tests;

public sealed class ToneTests
{
    [Fact]
    public void A_sine_follows_Math_Sin_to_within_one_step()
    {
        var samples = new short[8000];
        Tone.Sine(samples, 440, 0.5);
        for (var i = 0; i < samples.Length; i++)
            Assert.InRange(samples[i] - 0.5 * short.MaxValue * Math.Sin(2 * Math.PI * 440 * i / 8000), -1.0, 1.0);
    }

    [Fact]
    public void A_full_scale_1000_Hz_tone_hits_its_peaks_and_zeros()
    {
        var samples = new short[8];
        Tone.Sine(samples, 1000, 1.0);
        Assert.Equal(new short[] { 0, 23170, 32767, 23170, 0, -23170, -32767, -23170 }, samples);
    }

    [Fact]
    public void Continuing_from_a_sample_index_joins_without_a_seam()
    {
        var whole = new short[1000];
        Tone.Sine(whole, 425, 0.3);
        var parts = new short[1000];
        Tone.Sine(parts.AsSpan(0, 333), 425, 0.3);
        Tone.Sine(parts.AsSpan(333), 425, 0.3, firstSample: 333);
        Assert.Equal(whole, parts);
    }

    [Fact]
    public void The_same_arguments_give_the_same_bytes()
    {
        // Pinned so a change to the generator, or a platform whose arithmetic differs, shows up here. The same
        // polynomial in Python (IEEE doubles, round half to even) gives this hash too.
        var samples = new short[Tone.SamplesFor(TimeSpan.FromMilliseconds(250))];
        Tone.Sine(samples, 1400, 0.25);
        var bytes = new byte[samples.Length * 2];
        SampleConverter.WritePcm16(samples, bytes);
        Assert.Equal(2000, samples.Length);
        Assert.Equal("AE0E193D59873249", Convert.ToHexString(SHA256.HashData(bytes))[..16]);
    }

    [Fact]
    public void Silence_is_zeros_and_encodes_as_each_laws_idle_code()
    {
        var samples = new short[] { 1, 2, 3 };
        Tone.Silence(samples);
        Assert.All(samples, s => Assert.Equal(0, s));
        Assert.Equal(0xFF, G711.Encode(samples[0], G711Law.MuLaw));
        Assert.Equal(0xD5, G711.Encode(samples[0], G711Law.ALaw));
    }

    [Fact]
    public void Refuses_frequencies_above_Nyquist_and_amplitudes_above_full_scale()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tone.Sine(new short[1], 4001, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tone.Sine(new short[1], 400, 1.5));
    }
}
