namespace CallFlow.Audio.Tests;

public sealed class ResamplerTests
{
    private const int EspeakRate = 22050;

    [Fact]
    public void A_1_kHz_tone_keeps_its_frequency_going_from_22050_to_8000_Hz()
    {
        var input = Sine(EspeakRate, 1000, 0.5, seconds: 1);

        var output = Resampler.For(EspeakRate, 8000).Resample(input);

        Assert.Equal(8000, output.Length);
        // 1000 cycles a second cross zero 2000 times; the filter's start-up and tail cost at most a couple.
        Assert.InRange(ZeroCrossings(output.AsSpan(200, 7600)), 1900 - 2, 1900 + 2);
        // Passband gain is 1: the amplitude stays within 0.1 dB of 0.5 of full scale (away from the edges).
        Assert.InRange(Rms(output.AsSpan(200, 7600)) / Rms(input.AsSpan(550, 20900)), 0.988, 1.012);
    }

    [Theory]
    [InlineData(6000)]
    [InlineData(4500)]
    [InlineData(10000)]
    public void Tones_above_4_kHz_do_not_fold_back_into_the_telephone_band(int frequency)
    {
        var input = Sine(EspeakRate, frequency, 0.9, seconds: 1);

        var output = Resampler.For(EspeakRate, 8000).Resample(input);

        // Unfiltered decimation would fold 6 kHz onto 2 kHz at full level; required: below -30 dB (measured: < -55 dB).
        var level = 20 * Math.Log10(Rms(output.AsSpan(200, 7600)) / Rms(input));
        Assert.True(level < -30, $"a {frequency} Hz tone came through at {level:F1} dB");
    }

    [Fact]
    public void The_telephone_band_stays_flat()
    {
        foreach (var frequency in new[] { 300, 1000, 2000, 3000, 3400 })
        {
            var input = Sine(EspeakRate, frequency, 0.5, seconds: 1);
            var output = Resampler.For(EspeakRate, 8000).Resample(input);
            var gain = 20 * Math.Log10(Rms(output.AsSpan(200, 7600)) / Rms(input.AsSpan(550, 20900)));
            Assert.True(Math.Abs(gain) < 0.5, $"{frequency} Hz: {gain:F2} dB");
        }
    }

    [Fact]
    public void Silence_and_a_constant_stay_as_they_are()
    {
        var resampler = Resampler.For(EspeakRate, 8000);
        Assert.All(resampler.Resample(new short[5000]), s => Assert.Equal(0, s));
        var constant = Enumerable.Repeat((short)1234, 5000).ToArray();
        var output = resampler.Resample(constant);
        Assert.All(output.AsSpan(100, output.Length - 200).ToArray(), s => Assert.Equal(1234, s));
    }

    [Theory]
    [InlineData(22050, 8000, 22050, 8000)]
    [InlineData(22050, 8000, 1, 1)]
    [InlineData(22050, 8000, 0, 0)]
    [InlineData(16000, 8000, 3, 2)]
    [InlineData(8000, 16000, 3, 6)]
    [InlineData(48000, 8000, 48000, 8000)]
    public void The_output_covers_every_instant_before_the_input_ends(int from, int to, int inputLength, int expected) =>
        Assert.Equal(expected, Resampler.For(from, to).OutputLength(inputLength));

    [Fact]
    public void Same_rate_is_a_copy_and_upsampling_keeps_a_tone()
    {
        var input = Sine(8000, 440, 0.5, seconds: 1);
        Assert.Equal(input, Resampler.For(8000, 8000).Resample(input));

        var up = Resampler.For(8000, EspeakRate).Resample(input);
        Assert.Equal(EspeakRate, up.Length);
        Assert.InRange(ZeroCrossings(up.AsSpan(500, EspeakRate - 1000)), 880 * (EspeakRate - 1000) / EspeakRate - 2, 880 * (EspeakRate - 1000) / EspeakRate + 2);
    }

    [Fact]
    public void Odd_rate_pairs_work_through_rounded_phases_and_results_repeat_exactly()
    {
        var input = Sine(44101, 1000, 0.5, seconds: 1);
        var first = Resampler.For(44101, 8000).Resample(input);
        Assert.InRange(ZeroCrossings(first.AsSpan(200, 7600)), 1900 - 2, 1900 + 2);
        Assert.Equal(first, Resampler.For(44101, 8000).Resample(input));
        Assert.Same(Resampler.For(44101, 8000), Resampler.For(44101, 8000));
    }

    [Fact]
    public void Full_scale_input_clips_instead_of_wrapping()
    {
        var square = Enumerable.Range(0, 4410).Select(i => (i / 50 % 2 == 0) ? short.MaxValue : short.MinValue).ToArray();
        var output = Resampler.For(EspeakRate, 8000).Resample(square);
        // The Gibbs overshoot of a filtered square wave would wrap around without clamping; clamped, signs never flip mid-half-cycle.
        Assert.Contains(output, s => s == short.MaxValue || s == short.MinValue || Math.Abs((int)s) > 30000);
        Assert.True(ZeroCrossings(output.AsSpan(100, output.Length - 200)) <= 4410 / 50 + 2);
    }

    [Fact]
    public void Rates_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.For(0, 8000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.For(8000, AudioFormat.MaxSampleRate + 1));
        Assert.Throws<ArgumentException>(() => Resampler.For(EspeakRate, 8000).Resample(new short[100], new short[10]));
    }

    private static short[] Sine(int rate, double frequency, double amplitude, double seconds) =>
        [.. Enumerable.Range(0, (int)(rate * seconds)).Select(i => (short)Math.Round(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * frequency * i / rate)))];

    private static int ZeroCrossings(ReadOnlySpan<short> samples)
    {
        var count = 0;
        for (var i = 1; i < samples.Length; i++)
            if ((samples[i - 1] < 0) != (samples[i] < 0))
                count++;
        return count;
    }

    private static double Rms(ReadOnlySpan<short> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
            sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }
}
