using System.Numerics;
using CallFlow.Audio;

namespace CallFlow.Server.Tests;

/// <summary>Where one piece of audio lines up best inside another, and how well (see <see cref="AudioMatch.Find"/>).</summary>
/// <param name="Lag">Sample offset of the needle's first sample in the haystack (negative: the needle starts before it).</param>
/// <param name="Correlation">Normalised cross-correlation over the overlap: 1 for the same waveform at any level, about 0
/// for unrelated audio.</param>
/// <param name="Overlap">Samples the two share at that lag.</param>
internal readonly record struct AudioAlignment(int Lag, double Correlation, int Overlap)
{
    public override string ToString() => $"correlation {Correlation:F4} at lag {Lag} ({Lag / 8.0:F1} ms), overlap {Overlap / 8.0:F0} ms";
}

/// <summary>How much of one piece of audio another holds (see <see cref="AudioMatch.Coverage"/>).</summary>
/// <param name="Found">Audible half seconds of the needle found in the haystack.</param>
/// <param name="Audible">Audible half seconds in the needle.</param>
/// <param name="Worst">The lowest correlation any of them reached.</param>
/// <param name="Whole">The needle lined up as a whole.</param>
internal readonly record struct AudioCoverage(int Found, int Audible, double Worst, AudioAlignment Whole)
{
    /// <summary>The share found, 0 to 1.</summary>
    public double Fraction => Audible == 0 ? 0 : (double)Found / Audible;

    public override string ToString() => $"{Found} of {Audible} half seconds found (worst {Worst:F4}); as a whole {Whole}";
}

/// <summary>
/// Audio comparisons for the end-to-end tests: G.711 to linear, a search by cross-correlation (FFT, so a minute of
/// capture against seven seconds of message takes milliseconds), and where a recording stops being silent.
/// </summary>
internal static class AudioMatch
{
    /// <summary>G.711 codes to linear samples.</summary>
    public static double[] Decode(ReadOnlySpan<byte> codes, G711Law law)
    {
        var samples = new double[codes.Length];
        for (var i = 0; i < codes.Length; i++)
            samples[i] = G711.Decode(codes[i], law);
        return samples;
    }

    /// <summary>
    /// The lag at which <paramref name="needle"/> correlates best with <paramref name="haystack"/>, normalised over the
    /// overlap so a loud passage elsewhere cannot win; only lags where at least <paramref name="minOverlap"/> of the
    /// needle (a fraction) lies inside the haystack count.
    /// </summary>
    public static AudioAlignment Find(ReadOnlySpan<double> haystack, ReadOnlySpan<double> needle, double minOverlap = 1.0)
    {
        var n = haystack.Length;
        var m = needle.Length;
        var least = Math.Max(1, (int)Math.Ceiling(m * minOverlap));
        if (n < least || m == 0)
            return new AudioAlignment(0, 0, 0);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)(n + m));
        var x = new Complex[size];
        var y = new Complex[size];
        for (var i = 0; i < n; i++)
            x[i] = haystack[i];
        for (var i = 0; i < m; i++)
            y[i] = needle[i];
        Fft(x, inverse: false);
        Fft(y, inverse: false);
        for (var i = 0; i < size; i++)
            x[i] *= Complex.Conjugate(y[i]);
        Fft(x, inverse: true);   // x[k] = Σ haystack[j + k] · needle[j], k taken modulo size

        var haystackEnergy = PrefixSquares(haystack);
        var needleEnergy = PrefixSquares(needle);
        var best = new AudioAlignment(0, double.NegativeInfinity, 0);
        for (var lag = least - m; lag <= n - least; lag++)
        {
            var from = Math.Max(0, -lag);            // overlap, in needle samples
            var to = Math.Min(m, n - lag);
            var energy = (haystackEnergy[to + lag] - haystackEnergy[from + lag]) * (needleEnergy[to] - needleEnergy[from]);
            if (energy <= 0)
                continue;
            var correlation = x[lag >= 0 ? lag : size + lag].Real / size / Math.Sqrt(energy);
            if (correlation > best.Correlation)
                best = new AudioAlignment(lag, correlation, to - from);
        }
        return double.IsNegativeInfinity(best.Correlation) ? new AudioAlignment(0, 0, 0) : best;
    }

    /// <summary>
    /// How much of <paramref name="needle"/> is in <paramref name="haystack"/>, allowing for a few lost packets on the
    /// way: the needle is lined up as a whole, then each audible half second of it is looked for within 800 ms of where
    /// that puts it (a gap shifts what follows it), and counts when it reaches <paramref name="threshold"/>.
    /// </summary>
    public static AudioCoverage Coverage(ReadOnlySpan<double> haystack, ReadOnlySpan<double> needle, double threshold)
    {
        const int Piece = 4000;
        const int Slack = 6400;
        var whole = Find(haystack, needle, minOverlap: 0.5);
        int audible = 0, found = 0;
        var worst = 1.0;
        for (var start = 0; start + Piece <= needle.Length; start += Piece)
        {
            var piece = needle.Slice(start, Piece);
            if (Rms(piece) < 200)
                continue;
            audible++;
            var from = Math.Clamp(whole.Lag + start - Slack, 0, haystack.Length);
            var to = Math.Clamp(whole.Lag + start + Piece + Slack, from, haystack.Length);
            var match = Find(haystack[from..to], piece);
            worst = Math.Min(worst, match.Correlation);
            if (match.Correlation >= threshold)
                found++;
        }
        return new AudioCoverage(found, audible, worst, whole);
    }

    /// <summary>Normalised correlation of two equally long stretches (as <see cref="Find"/> computes at one lag).</summary>
    public static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 0;
    }

    /// <summary>
    /// First and last sample of the 20 ms frames whose loudest sample reaches <paramref name="threshold"/> (the server's
    /// own silence test uses 500), or null when every frame is quieter.
    /// </summary>
    public static (int First, int End)? Audible(ReadOnlySpan<double> samples, double threshold = 500)
    {
        const int Frame = 160;
        int? first = null;
        var end = 0;
        for (var start = 0; start < samples.Length; start += Frame)
        {
            var frame = samples.Slice(start, Math.Min(Frame, samples.Length - start));
            var loudest = 0.0;
            foreach (var sample in frame)
                loudest = Math.Max(loudest, Math.Abs(sample));
            if (loudest < threshold)
                continue;
            first ??= start;
            end = start + frame.Length;
        }
        return first is { } f ? (f, end) : null;
    }

    /// <summary>Root mean square level.</summary>
    public static double Rms(ReadOnlySpan<double> samples)
    {
        var sum = 0.0;
        foreach (var sample in samples)
            sum += sample * sample;
        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    private static double[] PrefixSquares(ReadOnlySpan<double> samples)
    {
        var prefix = new double[samples.Length + 1];
        for (var i = 0; i < samples.Length; i++)
            prefix[i + 1] = prefix[i] + samples[i] * samples[i];
        return prefix;
    }

    /// <summary>In-place iterative radix-2 FFT (unscaled both ways); the length must be a power of two.</summary>
    private static void Fft(Complex[] data, bool inverse)
    {
        var n = data.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
                j ^= bit;
            j ^= bit;
            if (i < j)
                (data[i], data[j]) = (data[j], data[i]);
        }
        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = 2 * Math.PI / length * (inverse ? 1 : -1);
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var start = 0; start < n; start += length)
            {
                var w = Complex.One;
                for (var k = 0; k < length / 2; k++)
                {
                    var even = data[start + k];
                    var odd = data[start + k + length / 2] * w;
                    data[start + k] = even + odd;
                    data[start + k + length / 2] = even - odd;
                    w *= step;
                }
            }
        }
    }
}
