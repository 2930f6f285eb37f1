using CallFlow.Audio;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// Cuts the silence espeak-ng puts around an utterance (about 50 ms before, 300 ms after) down to a fixed margin, so
/// prompts played in a row ("you have" · "three" · "new messages") keep an even rhythm.
/// </summary>
public static class SilenceTrimmer
{
    /// <summary>Silence kept before the first sound.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(20);

    /// <summary>Silence kept after the last sound: a short breath between prompts.</summary>
    public static readonly TimeSpan Tail = TimeSpan.FromMilliseconds(120);

    /// <summary>Quieter than this (about -40 dBFS) counts as silence.</summary>
    private const int Threshold = 330;

    /// <summary>The part of 8 kHz µ-law audio from <see cref="Lead"/> before its first sound to <see cref="Tail"/> after its last; all of it when it is silent throughout.</summary>
    public static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> muLaw)
    {
        var span = muLaw.Span;
        int first = -1, last = -1;
        for (var i = 0; i < span.Length; i++)
        {
            if (Math.Abs((int)G711.Decode(span[i], G711Law.MuLaw)) <= Threshold)
                continue;
            if (first < 0)
                first = i;
            last = i;
        }
        if (first < 0)
            return muLaw;
        var start = Math.Max(0, first - Tone.SamplesFor(Lead));
        var end = Math.Min(span.Length, last + 1 + Tone.SamplesFor(Tail));
        return muLaw[start..end];
    }
}
