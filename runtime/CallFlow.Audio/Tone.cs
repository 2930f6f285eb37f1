namespace CallFlow.Audio;

/// <summary>
/// Test audio and the record beep: sine tones and silence as 8 kHz PCM16. The same arguments give the same samples on
/// every machine, because the sine is a polynomial of IEEE basic operations rather than <see cref="Math.Sin"/>, whose
/// last bit differs between C runtimes.
/// </summary>
/// <example><code>var beep = new short[Tone.SamplesFor(TimeSpan.FromMilliseconds(400))]; Tone.Sine(beep, 1000, 0.5);</code></example>
public static class Tone
{
    /// <summary>The rate every <see cref="Tone"/> method works at: telephony's 8000 Hz.</summary>
    public const int SampleRate = 8000;

    /// <summary>Samples in <paramref name="duration"/> at 8 kHz, rounded down; 1 s gives 8000.</summary>
    public static int SamplesFor(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return checked((int)(duration.Ticks * SampleRate / TimeSpan.TicksPerSecond));
    }

    /// <summary>Fills <paramref name="destination"/> with zeros.</summary>
    public static void Silence(Span<short> destination) => destination.Clear();

    /// <summary>
    /// Fills <paramref name="destination"/> with a sine of <paramref name="frequencyHz"/> at <paramref name="amplitude"/>
    /// (0 to 1 of full scale). <paramref name="firstSample"/> continues a tone from an earlier call without a click.
    /// </summary>
    public static void Sine(Span<short> destination, double frequencyHz, double amplitude, long firstSample = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frequencyHz);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyHz, SampleRate / 2.0);
        ArgumentOutOfRangeException.ThrowIfNegative(amplitude);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amplitude, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSample);
        for (var i = 0; i < destination.Length; i++)
        {
            var cycles = (firstSample + i) * frequencyHz / SampleRate;
            destination[i] = (short)Math.Round(amplitude * short.MaxValue * SinOfTurns(cycles - Math.Floor(cycles)));
        }
    }

    /// <summary>sin(2π·turns) for turns in [0, 1).</summary>
    internal static double SinOfTurns(double turns)
    {
        // Fold into [-1/4, 1/4] turn, where a Taylor series to x^11 is within 6e-8 (0.002 of a 16-bit step).
        var folded = turns < 0.25 ? turns : turns < 0.75 ? 0.5 - turns : turns - 1.0;
        var x = 2 * Math.PI * folded;
        var x2 = x * x;
        return x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72 * (1 - x2 / 110)))));
    }
}
