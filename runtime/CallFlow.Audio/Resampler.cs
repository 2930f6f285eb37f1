using System.Collections.Concurrent;

namespace CallFlow.Audio;

/// <summary>
/// Changes the sample rate of 16-bit mono PCM by band-limited interpolation: each output sample is the input convolved
/// with a Kaiser-windowed sinc low-pass centred on the output instant. The cut-off is 46% of the lower rate, so
/// going down to 8 kHz keeps 300-3400 Hz flat and removes what would fold back (about 60 dB down from 3.95 kHz).
/// The taps come from a polyphase table built once per rate pair with basic IEEE operations only (no
/// <see cref="Math.Sin"/>), so the same input gives the same bytes on every machine.
/// </summary>
/// <example><code>short[] telephony = Resampler.For(22050, 8000).Resample(espeakSamples);</code></example>
public sealed class Resampler
{
    /// <summary>Zero crossings of the sinc on each side of the centre tap; sets how sharp the low-pass is.</summary>
    private const int ZeroCrossings = 24;

    /// <summary>The cut-off as a share of the lower rate (0.5 would be its Nyquist frequency).</summary>
    private const double CutoffShare = 0.46;

    /// <summary>Kaiser β for about 63 dB of stop-band attenuation (β = 0.1102 (A − 8.7)).</summary>
    private const double KaiserBeta = 6.0;

    /// <summary>Most phases tabulated; rate pairs with more (44101 → 8000) round the phase to the nearest of these.</summary>
    private const int MaxPhases = 2048;

    private static readonly ConcurrentDictionary<(int, int), Resampler> Cache = new();

    private readonly long _up;
    private readonly long _down;
    private readonly int _phases;
    private readonly int _taps;
    private readonly double[] _table; // _phases rows of _taps coefficients

    private Resampler(int inputRate, int outputRate)
    {
        (InputRate, OutputRate) = (inputRate, outputRate);
        var divisor = Gcd(inputRate, outputRate);
        (_up, _down) = (outputRate / divisor, inputRate / divisor);
        _phases = (int)Math.Min(_up, MaxPhases);
        // The kernel is measured in input samples: its cut-off, relative to the input rate, and its half-width.
        var cutoff = CutoffShare * Math.Min(inputRate, outputRate) / inputRate; // cycles per input sample
        var halfWidth = ZeroCrossings / (2 * cutoff);
        _taps = 2 * (int)Math.Ceiling(halfWidth);
        _table = BuildTable(_phases, _taps, cutoff, halfWidth);
    }

    /// <summary>Input samples per second.</summary>
    public int InputRate { get; }

    /// <summary>Output samples per second.</summary>
    public int OutputRate { get; }

    /// <summary>The converter for a rate pair, built on first use and shared (it holds no per-call state).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not between 1 and <see cref="AudioFormat.MaxSampleRate"/>.</exception>
    public static Resampler For(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputRate, AudioFormat.MaxSampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputRate, AudioFormat.MaxSampleRate);
        return Cache.GetOrAdd((inputRate, outputRate), static key => new Resampler(key.Item1, key.Item2));
    }

    /// <summary>Output samples for <paramref name="inputLength"/> input samples: every output instant before the input ends.</summary>
    public int OutputLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        return checked((int)((inputLength * _up + _down - 1) / _down));
    }

    /// <summary>Converts a whole signal; samples before its start and after its end count as silence.</summary>
    public short[] Resample(ReadOnlySpan<short> input)
    {
        var output = new short[OutputLength(input.Length)];
        Resample(input, output);
        return output;
    }

    /// <summary>Converts a whole signal into the first <see cref="OutputLength"/> samples of <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is too short.</exception>
    public void Resample(ReadOnlySpan<short> input, Span<short> output)
    {
        var length = OutputLength(input.Length);
        if (output.Length < length)
            throw new ArgumentException($"the output holds {output.Length} samples but {length} are needed", nameof(output));
        if (InputRate == OutputRate)
        {
            input.CopyTo(output);
            return;
        }
        var before = _taps / 2 - 1; // taps that lie before the output instant's input sample
        for (var n = 0; n < length; n++)
        {
            var position = n * _down; // in units of 1/_up input samples
            var index = (int)(position / _up);
            var phase = _phases == _up ? (int)(position % _up) : (int)((position % _up * _phases + _up / 2) / _up);
            if (phase == _phases)
                (index, phase) = (index + 1, 0);
            var row = _table.AsSpan(phase * _taps, _taps);
            var first = index - before;
            var from = Math.Max(0, -first);
            var to = Math.Min(_taps, input.Length - first);
            var sum = 0.0;
            for (var j = from; j < to; j++)
                sum += row[j] * input[first + j];
            output[n] = (short)Math.Clamp(Math.Round(sum), short.MinValue, short.MaxValue);
        }
    }

    private static double[] BuildTable(int phases, int taps, double cutoff, double halfWidth)
    {
        var table = new double[phases * taps];
        var before = taps / 2 - 1;
        var kaiserNorm = BesselI0(KaiserBeta);
        for (var p = 0; p < phases; p++)
        {
            var fraction = (double)p / phases;
            var row = table.AsSpan(p * taps, taps);
            var sum = 0.0;
            for (var j = 0; j < taps; j++)
            {
                var t = j - before - fraction; // distance from the output instant, in input samples
                var ratio = t / halfWidth;
                if (ratio is <= -1 or >= 1)
                    continue;
                var window = BesselI0(KaiserBeta * Math.Sqrt(1 - ratio * ratio)) / kaiserNorm;
                row[j] = 2 * cutoff * Sinc(2 * cutoff * t) * window;
                sum += row[j];
            }
            // Each phase passes DC at exactly unity gain, so a constant signal stays constant (no ripple at the phase rate).
            for (var j = 0; j < taps; j++)
                row[j] /= sum;
        }
        return table;
    }

    /// <summary>sin(πx)/(πx), through <see cref="Tone.SinOfTurns"/> for bit-identical tables everywhere.</summary>
    private static double Sinc(double x)
    {
        if (x == 0)
            return 1;
        var turns = x / 2;
        return Tone.SinOfTurns(turns - Math.Floor(turns)) / (Math.PI * x);
    }

    /// <summary>The modified Bessel function I₀ by its power series; 40 terms reach double precision for x ≤ 20.</summary>
    private static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        var quarter = x * x / 4;
        for (var k = 1; k <= 40; k++)
        {
            term *= quarter / ((double)k * k);
            sum += term;
        }
        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
